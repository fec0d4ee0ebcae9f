"""Texts the renderers add themselves (shortening and continuation notes live in common.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "render_empty": {
        "nb": "Ingenting å vise her ennå.",
        "nn": "Ingenting å vise her enno.",
        "en": "Nothing to show here yet.",
    },
}
