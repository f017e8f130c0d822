"""Streamlit's own English texts, shown in the page's language.

Streamlit writes its widgets' texts (the file uploader's button and limit, "Choose options",
"Press Enter to submit form", the data grid's toolbar, "Skip to main content"…) in English and
has no setting for another language. :func:`translate` adds, once per run, a small script that
puts them in the page's language in the browser: visible text and the ``aria-label``, ``title``
and ``placeholder`` a screen reader reads, as Streamlit draws them and whenever it draws them
again. It also mends three things of Streamlit's for keyboard and screen-reader users: Enter on the
file uploader's button opens the file dialog (Streamlit answers Space only), and a metric's
sparkline is hidden from screen readers (its number and change say the same in words), and a
table that scrolls in its own box can be reached with the keyboard.
The texts come from one table (:mod:`planwatch.ui.texts.streamlit`); the script holds no
user text, only that table, serialised as JSON. Switching back to English restores what it
changed.
"""

from __future__ import annotations

import json
from functools import cache

import streamlit as st

from planwatch.ui.texts.streamlit import STREAMLIT_PATTERNS, STREAMLIT_TEXTS

_SCRIPT = """<script>
(() => {
  const state = window.planwatchTexts || (window.planwatchTexts = {changed: new Set()});
  state.language = %(language)s;
  state.words = new Map(%(words)s);
  state.patterns = %(patterns)s.map(([source, target]) => [new RegExp(source), target]);
  const ATTRIBUTES = ["aria-label", "title", "placeholder"];
  const translated = (text) => {
    const trimmed = text.trim();
    if (!trimmed) return null;
    let result = state.words.get(trimmed);
    if (result === undefined) {
      for (const [pattern, target] of state.patterns) {
        if (pattern.test(trimmed)) { result = trimmed.replace(pattern, target); break; }
      }
    }
    return result === undefined || result === trimmed ? null : text.replace(trimmed, result);
  };
  const hideSparklines = (root) => {
    // A metric's sparkline repeats what its number and change say: hidden from screen readers,
    // as a decorative image is (axe: svg-img-alt).
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    for (const chart of root.querySelectorAll("[data-testid=stMetric] svg")) {
      if (chart.getAttribute("aria-hidden") !== "true") chart.setAttribute("aria-hidden", "true");
    }
    // A table wider than a phone scrolls in its own box: the keyboard must reach it too
    // (axe: scrollable-region-focusable).
    for (const box of root.querySelectorAll("[data-testid=stTable] > div")) {
      if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    }
  };
  const visit = (root) => {
    hideSparklines(root.parentElement || root);
    if (state.language !== "da") return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        if (parent && parent.closest("script,style")) continue;
        const text = translated(node.nodeValue);
        if (text !== null) {
          state.changed.add({node, attribute: null, original: node.nodeValue});
          node.nodeValue = text;
        }
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        for (const attribute of ATTRIBUTES) {
          const value = node.getAttribute(attribute);
          if (value === null) continue;
          const text = translated(value);
          if (text !== null) {
            state.changed.add({node, attribute, original: value});
            node.setAttribute(attribute, text);
          }
        }
      }
    }
  };
  const restore = () => {
    for (const change of state.changed) {
      if (!change.node.isConnected) continue;
      if (change.attribute === null) change.node.nodeValue = change.original;
      else change.node.setAttribute(change.attribute, change.original);
    }
    state.changed.clear();
  };
  if (!state.observer) {
    state.observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === "childList") mutation.addedNodes.forEach(visit);
        else visit(mutation.target);
      }
      for (const change of state.changed) {
        if (!change.node.isConnected) state.changed.delete(change);
      }
    });
    state.observer.observe(document.body, {
      childList: true, subtree: true, characterData: true,
      attributes: true, attributeFilter: ATTRIBUTES,
    });
  }
  if (!state.closesMenu) {
    // On a phone the menu covers the page: close it once a page is chosen in it.
    state.closesMenu = true;
    document.addEventListener("click", (event) => {
      if (!event.target.closest("[data-testid=stSidebarNavLink]")) return;
      if (!window.matchMedia("(max-width: 767px)").matches) return;
      setTimeout(() => {
        document.querySelector("[data-testid=stSidebarCollapseButton] button")?.click();
      }, 0);
    });
  }
  if (!state.enterOpensFiles) {
    // The file uploader's button opens the file dialog with Space only; Enter is what a
    // keyboard user presses on a button (WCAG 2.1.1): make it do the same.
    state.enterOpensFiles = true;
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.repeat) return;
      const zone = event.target.closest?.("[data-testid=stFileUploaderDropzone]");
      if (!zone) return;
      const button = event.target.closest("button") || zone.querySelector("button");
      if (!button) return;
      event.preventDefault();
      event.stopPropagation();
      button.click();
    }, true);
  }
  if (state.language === "da") visit(document.body); else { restore(); visit(document.body); }
})();
</script>"""


@cache
def script(language: str) -> str:
    """The script for a page in ``language`` (a constant per language: the table and no more)."""
    return _SCRIPT % {
        "language": json.dumps(language),
        "words": json.dumps([list(pair) for pair in STREAMLIT_TEXTS], ensure_ascii=False),
        "patterns": json.dumps([list(pair) for pair in STREAMLIT_PATTERNS], ensure_ascii=False),
    }


def translate(language: str) -> None:
    """Put Streamlit's own texts on this page in ``language`` (Danish; English is Streamlit's)."""
    st.html(script(language), unsafe_allow_javascript=True)
