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
    result = df.groupby("department").agg(
        mean_salary=("salary", "mean"),
        headcount=("employee", "size"),
    )
    result = result.reset_index()
    result = result.sort_values(by=["mean_salary", "department"], ascending=[False, True], ignore_index=True)
    return result


summary = salary_summary(EMPLOYEES)
summary.to_csv("summary.csv")
print(summary)
