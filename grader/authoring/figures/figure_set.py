"""`FigureSet`, the `figures` fixture: every figure the candidate created, and finders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from grader.authoring.figures.matching import FunctionMatch, match_function, shows_in_render
from grader.authoring.figures.model import Artist, Axes, Figure, FloatArray


@dataclass
class FigureSet:
    """Every figure the candidate created, with helpers to find the artists a test needs."""

    figures: list[Figure]

    def __len__(self) -> int:
        return len(self.figures)

    def __iter__(self) -> Iterator[Figure]:
        return iter(self.figures)

    def all_axes(self) -> list[Axes]:
        return [ax for fig in self.figures for ax in fig.axes]

    def artists(self) -> list[Artist]:
        return [artist for ax in self.all_axes() for artist in ax.artists]

    def line_plots(self) -> list[Artist]:
        return [a for a in self.artists() if a.is_line_plot]

    def data_artists(self) -> list[Artist]:
        return [a for a in self.artists() if a.is_data_artist]

    def best_function_match(
        self,
        func: Callable[[FloatArray], FloatArray],
        x_range: tuple[float, float],
        *,
        rtol: float = 1e-6,
        atol: float = 1e-6,
    ) -> FunctionMatch | None:
        """The data artist that best follows `func` over `x_range`, preferring visible lines."""
        best: FunctionMatch | None = None
        best_key: tuple[int, int, int, int] | None = None
        for artist in self.data_artists():
            match = match_function(artist, func, x_range, rtol=rtol, atol=atol)
            key = (
                int(match.covers) * 2 + int(match.follows),
                int(shows_in_render(artist)),
                int(artist.is_line_plot),
                artist.n,
            )
            if best_key is None or key > best_key:
                best, best_key = match, key
        return best
