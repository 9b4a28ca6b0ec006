"""The pipeline, one module a stage: load (:mod:`.load`, :mod:`.sheets`, :mod:`.roster`)
→ validate (:mod:`.validate`) → build context (:mod:`.context`) → render (:mod:`.render`,
:mod:`.compiled`) → finish (:mod:`.finish`: blanks, script) → write (:mod:`.write`);
:mod:`.batch` runs it for every pair of a roster."""
