import math

import pandas as pd

EMPLOYEES = pd.DataFrame(
    {
        "department": ["data", "data", "sales", "sales", "sales", "hr"],
        "employee": ["ana", "bo", "cy", "di", "ed", "flo"],
        "salary": [120.0, 100.0, 70.0, 80.0, None, 90.0],
    }
)


def salary_summary(df):
    rows = []
    for name in sorted(set(df["department"])):
        part = df[df["department"] == name]
        salaries = [s for s in part["salary"] if not (isinstance(s, float) and math.isnan(s))]
        mean = sum(salaries) / len(salaries) if salaries else float("nan")
        rows.append({"department": name, "mean_salary": mean, "headcount": len(part)})
    rows.sort(key=lambda r: (-r["mean_salary"], r["department"]))
    return pd.DataFrame(rows, columns=["department", "mean_salary", "headcount"])


if __name__ == "__main__":
    summary = salary_summary(EMPLOYEES)
    with open("summary.csv", "w") as handle:
        handle.write(summary.to_csv(index=False))
