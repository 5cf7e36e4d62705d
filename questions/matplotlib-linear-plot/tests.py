"""Hidden tests for matplotlib-linear-plot: 10 points over runs, line, data, visible, labels."""

from grader.authoring import Fail, Run, Score, test
from grader.authoring.figures import Axes, FigureSet, FunctionMatch, shows_in_render

X_RANGE = (0.0, 10.0)


def expected(x):
    return 2 * x + 1


def best(figures: FigureSet) -> FunctionMatch | None:
    return figures.best_function_match(expected, X_RANGE, rtol=1e-6, atol=1e-6)


def label_axes(figures: FigureSet) -> list[Axes]:
    match = best(figures)
    if match is not None and match.artist.axes is not None:
        return [match.artist.axes]
    return figures.all_axes()


@test(points=1, name="runs")
def runs(run: Run, figures: FigureSet):
    if not run.completed:
        raise Fail("The program did not finish without errors within its limits.")
    if len(figures) == 0:
        raise Fail("The program finished but did not create a figure.")
    return Score(1.0, "The program ran to the end and created a figure.")


@test(points=2, name="line")
def line(figures: FigureSet):
    if figures.line_plots():
        return Score(1.0, "The figure holds a line plot.")
    raise Fail(
        "No line plot was found: draw the function as a line (for example with plt.plot); "
        "scatter, bar and step plots do not count."
    )


@test(points=3, name="data")
def data(figures: FigureSet):
    match = best(figures)
    if match is None:
        raise Fail("No plotted data was found.")
    if match.covers:
        return Score(1.0, "The plotted data follows y = 2x + 1 for x from 0 to 10.")
    if match.follows:
        if match.x_min is None or match.x_max is None:
            span = "only part of x from 0 to 10"
        else:
            span = f"x from {match.x_min:g} to {match.x_max:g}"
        return Score(1 / 3, f"The plotted data follows y = 2x + 1 but covers {span}, not 0 to 10.")
    raise Fail("No plotted data follows y = 2x + 1.")


@test(points=1, name="visible")
def visible(figures: FigureSet):
    match = best(figures)
    if match is None or not match.follows:
        raise Fail("No line of y = 2x + 1 was found, so none can be seen.")
    if shows_in_render(match.artist):
        return Score(1.0, "The line of y = 2x + 1 shows in the rendered figure.")
    raise Fail(
        "The line of y = 2x + 1 does not show in the rendered figure: check that it is "
        "visible, not transparent and inside the axes' limits."
    )


def _labelled(figures: FigureSet, read, article: str, what: str):
    if any(read(ax).strip() for ax in label_axes(figures)):
        return Score(1.0, f"The plot has {article} {what}.")
    raise Fail(f"The plot has no {what}.")


@test(points=1, name="xlabel")
def xlabel(figures: FigureSet):
    return _labelled(figures, lambda ax: ax.xlabel, "an", "x-axis label")


@test(points=1, name="ylabel")
def ylabel(figures: FigureSet):
    return _labelled(figures, lambda ax: ax.ylabel, "a", "y-axis label")


@test(points=1, name="title")
def title(figures: FigureSet):
    def read(ax: Axes) -> str:
        suptitle = ax.figure.suptitle if ax.figure is not None else ""
        return ax.title if ax.title.strip() else suptitle

    if not figures.all_axes() and any(fig.suptitle.strip() for fig in figures):
        return Score(1.0, "The plot has a title.")
    return _labelled(figures, read, "a", "title")
