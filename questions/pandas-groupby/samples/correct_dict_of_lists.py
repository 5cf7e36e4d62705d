import pandas as pd

EMPLOYEES = pd.DataFrame(
    {
        "department": ["data", "data", "sales", "sales", "sales", "hr"],
        "employee": ["ana", "bo", "cy", "di", "ed", "flo"],
        "salary": [120.0, 100.0, 70.0, 80.0, None, 90.0],
    }
)

import math


def salary_summary(df):
    rows = {}
    for department, salary in zip(df["department"], df["salary"]):
        total, given, count = rows.get(department, (0.0, 0, 0))
        if salary is not None and not (isinstance(salary, float) and math.isnan(salary)):
            total, given = total + salary, given + 1
        rows[department] = (total, given, count + 1)
    records = [(d, (t / g) if g else float("nan"), c) for d, (t, g, c) in rows.items()]
    records.sort(key=lambda r: (-r[1] if r[1] == r[1] else math.inf, r[0]))
    return pd.DataFrame(records, columns=["department", "mean_salary", "headcount"])


summary = salary_summary(EMPLOYEES)
summary.to_csv("summary.csv", index=False)
