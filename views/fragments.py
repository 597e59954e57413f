"""The views' Jinja fragments (views/templates/fragments/…): rendered with the theme's environment
when it has them (a theme's custom_dir can override a fragment like Material's partials), else with
this package's own."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

import jinja2

from graph.vocabulary import MEDIA, OUTPUTS, PRELOAD_FROM, layer_label
from sitedocs.modules import preloads

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=8)
def default_env(folder: Path = TEMPLATES) -> jinja2.Environment:
    """The fragments' Jinja environment when the theme's has no fragment of that name: whitespace
    handled as MkDocs' theme environment does (the fragments escape every text themselves)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                             auto_reload=False)
    env.filters["layer_label"] = layer_label  # 「第3層」: {{ n | layer_label }} (the vocabulary's)
    return env


# environment -> fragment name -> its template. A theme without a fragment looks for it in each of
# its folders on every get_template call (~22 µs per chapter and fragment); MkDocs makes a new
# environment for each build, and an entry goes with its environment, so none outlives its build.
_TEMPLATES: weakref.WeakKeyDictionary[jinja2.Environment, dict[str, jinja2.Template]] = weakref.WeakKeyDictionary()


def fragment_template(name: str, env: jinja2.Environment | None = None) -> jinja2.Template:
    """A fragment template: the theme's (`env`) when it has one of that name, else this package's;
    looked up once per environment."""
    env = env or default_env()
    known = _TEMPLATES.setdefault(env, {})
    template = known.get(name)
    if template is None:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:  # a theme without this project's overrides/: ours
            template = default_env().get_template(name)
        known[name] = template
    return template


def render_fragment(name: str, env: jinja2.Environment | None = None, **context) -> str:
    """Render a fragment template. The fragments escape every text with `|e` themselves (a
    theme's environment, MkDocs' included, may not autoescape); trusted HTML comes as Markup."""
    return fragment_template(name, env).render(**context)


def theme_globals(read: Callable[[str], str | None]) -> dict[str, object]:
    """What the theme's templates (overrides/main.html) read besides the page: the vocabulary's
    output paths (cm_outputs), its named media queries (cm_media) and the modules every page
    preloads (cm_preload: those PRELOAD_FROM import, read from their sources by `read(site path)`)."""
    return {"cm_outputs": asdict(OUTPUTS), "cm_media": dict(MEDIA), "cm_preload": preloads(PRELOAD_FROM, read)}
