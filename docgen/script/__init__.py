"""Simplified ↔ traditional: text (OpenCC, with words kept and phrases fixed), people's
names, and whole .docx packages converted run by run."""
