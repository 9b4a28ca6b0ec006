"""docgen: 城乡学校结对帮扶文书生成工具.

Turns structured data (YAML / JSON) into the Word documents of urban–rural school
pairing programmes, keeping missing data visible as blanks.

The pipeline, one module a stage: :mod:`loaders` (load) → :mod:`model` (validate) →
:mod:`context` (build context) → :mod:`render` (render) → :mod:`postprocess` → :mod:`output`
(write); :mod:`api` runs them and :mod:`cli` maps the command line onto :mod:`api`.
"""

from .api import RenderResult, load_activities, load_pairing, render, render_pairing
from .batch import BatchResult, ManifestRow, run_batch
from .blanks import Blank, BlankReport
from .dates import PartialDate, SchoolYear, format_date, parse_date, parse_school_year
from .errors import (DocgenError, InputError, Location, MissingValuesError, OutputError,
                     Problem, RenderError, TemplateError, ValidationError)
from .kinds import KINDS
from .model import Pairing, validate_pairing

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "BatchResult",
    "ManifestRow",
    "load_activities",
    "run_batch",
    "Blank",
    "BlankReport",
    "DocgenError",
    "InputError",
    "Location",
    "MissingValuesError",
    "OutputError",
    "Pairing",
    "PartialDate",
    "Problem",
    "RenderError",
    "RenderResult",
    "SchoolYear",
    "TemplateError",
    "ValidationError",
    "format_date",
    "load_pairing",
    "parse_date",
    "parse_school_year",
    "render",
    "render_pairing",
    "validate_pairing",
]
