"""The app's texts, in Danish and English, one table per area; ``planwatch.ui.i18n`` joins them."""
