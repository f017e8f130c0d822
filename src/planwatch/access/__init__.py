"""Users and sign-in, approvals (four eyes), the hash-chained audit log.

May import the kernel, ``planwatch.domain`` and ``planwatch.storage``.
"""
