import pandas as pd

EMPLOYEES = pd.DataFrame(
    {
        "department": ["data", "data", "sales", "sales", "sales", "hr"],
        "employee": ["ana", "bo", "cy", "di", "ed", "flo"],
        "salary": [120.0, 100.0, 70.0, 80.0, None, 90.0],
    }
)

import math


def salary_summary(df: pd.DataFrame) -> pd.DataFrame:
    """One row per department: department, mean_salary, headcount; highest mean first."""
    stats: dict[str, list] = {}
    for dept, salary in zip(df["department"], df["salary"]):
        total, n_salaries, n_rows = stats.get(dept, [0.0, 0, 0])
        if salary is not None and not (isinstance(salary, float) and math.isnan(salary)):
            total += salary
            n_salaries += 1
        stats[dept] = [total, n_salaries, n_rows + 1]

    rows = []
    for dept, (total, n_salaries, n_rows) in stats.items():
        mean = total / n_salaries if n_salaries else float("nan")
        rows.append({"department": dept, "mean_salary": mean, "headcount": n_rows})
    rows.sort(key=lambda r: r["department"])
    rows.sort(key=lambda r: r["mean_salary"], reverse=True)  # stable: ties stay alphabetical
    return pd.DataFrame(rows, columns=["department", "mean_salary", "headcount"])


summary = salary_summary(EMPLOYEES)
summary.to_csv("summary.csv", index=False)
print(summary.to_string(index=False))
