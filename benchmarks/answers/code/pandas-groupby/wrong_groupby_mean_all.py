import pandas as pd

EMPLOYEES = pd.DataFrame(
    {
        "department": ["data", "data", "sales", "sales", "sales", "hr"],
        "employee": ["ana", "bo", "cy", "di", "ed", "flo"],
        "salary": [120.0, 100.0, 70.0, 80.0, None, 90.0],
    }
)


def salary_summary(df):
    """One row per department: department, mean_salary, headcount; highest mean first."""
    summary = df.groupby("department").mean()
    summary["headcount"] = df.groupby("department").count()["employee"]
    summary = summary.rename(columns={"salary": "mean_salary"})
    return summary.sort_values("mean_salary", ascending=False)


summary = salary_summary(EMPLOYEES)
summary.to_csv("summary.csv", index=False)
