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
    grouped = df.groupby("department")
    result = pd.DataFrame(
        {
            "mean_salary": grouped["salary"].mean(),
            "headcount": grouped.size(),
        }
    ).reset_index()
    result = result.sort_values(["mean_salary", "department"], ascending=False)
    return result.reset_index(drop=True)[["department", "mean_salary", "headcount"]]


summary = salary_summary(EMPLOYEES)
summary.to_csv("summary.csv", index=False)
