"""The only code that knows a .docx (or .xlsx) is a zip of XML: the package's parts as
stored, the checks every package passes before parsing, one safe XML parser and its
helpers, the text of a document, and python-docx's services (merging, building)."""
