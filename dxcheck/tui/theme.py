"""The wizard's colour themes: Textual's dark and light, and a presentation theme for a
projector or a big screen (pure black and white, a strong yellow accent, bold text — see the
rule on `App.-theme-dxcheck-presentation` in app.tcss). Ctrl+T cycles through the three."""

from __future__ import annotations

from textual.theme import Theme

PRESENTATION = "dxcheck-presentation"
DARK = "textual-dark"
LIGHT = "textual-light"
CYCLE: tuple[str, ...] = (DARK, LIGHT, PRESENTATION)

YELLOW = "#FFD700"
CURSOR = "#0033CC"

presentation_theme = Theme(
    name=PRESENTATION,
    primary=YELLOW,
    secondary="#00E5FF",
    accent=YELLOW,
    warning="#FFB000",
    error="#FF5C5C",
    success="#4DFF7A",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    dark=True,
    luminosity_spread=0.1,
    text_alpha=1.0,
    variables={
        # muted text stays readable from the back of the room
        "text-muted": "#E0E0E0",
        "text-disabled": "#B0B0B0",
        "text-accent": YELLOW,
        "text-warning": "#FFB000",
        "text-error": "#FF7070",
        "text-success": "#4DFF7A",
        # the cursor row is deep blue with white text: the yellow score bars and the orange
        # targets on it stay readable (a yellow cursor would hide them)
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-background": CURSOR,
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#1A2A66",
        "block-hover-background": "#303030",
        "border": YELLOW,
        "border-blurred": "#808080",
        "footer-foreground": "#FFFFFF",
        "footer-background": "#202020",
        "footer-key-foreground": YELLOW,
        "footer-description-foreground": "#FFFFFF",
        "input-cursor-background": YELLOW,
        "input-cursor-foreground": "#000000",
        "input-selection-background": "#FFD70066",
        "scrollbar": "#808080",
        "scrollbar-hover": "#B0B0B0",
        "scrollbar-active": YELLOW,
        "scrollbar-background": "#101010",
    },
)


def next_theme(current: str) -> str:
    """The theme after `current` in the Ctrl+T cycle (a theme outside it goes to the first)."""
    if current not in CYCLE:
        return CYCLE[0]
    return CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)]
