"""The pairing's data: the schema through which each field is declared once, the common
model (the two schools, the authority, the term), dates, numerals, and blanks."""
