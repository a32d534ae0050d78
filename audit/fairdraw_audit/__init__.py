"""fairdraw-audit: a verifier for fairdraw draws written from docs/SPEC.md alone.

It shares no code with the fairdraw tool, so that a mistake in one is not
silently repeated by the other; it needs only Python 3's standard library and
the `openssl` command (for Ed25519 signatures).
"""
