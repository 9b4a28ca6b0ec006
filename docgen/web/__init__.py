"""``docgen serve``: a local web page for office staff who do not use a terminal. Owns flask.

Flask because the page is a handful of server-rendered forms: no build step, no JavaScript
framework, every asset inline (works with no internet), and Flask is small, documented and
maintained. The routes (:mod:`.app`) go through :mod:`docgen.api` only, as the command
line does; the HTML is in ``templates/``; the single-document form is :mod:`.forms`.
"""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
