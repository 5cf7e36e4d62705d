import pandas as pd

EMPLOYEES = pd.DataFrame(
    {
        "department": ["data", "data", "sales", "sales", "sales", "hr"],
        "employee": ["ana", "bo", "cy", "di", "ed", "flo"],
        "salary": [120.0, 100.0, 70.0, 80.0, None, 90.0],
    }
)


def salary_summary(df):
    grouped = df.groupby("department").agg(
        mean_salary=("salary", "mean"), headcount=("employee", "size")
    )
    result = grouped.reset_index().sort_values(
        ["mean_salary", "department"], ascending=[False, True]
    )
    return result.reset_index(drop=True)


# summary is built from the employees with a salary only, not from EMPLOYEES.
summary = salary_summary(EMPLOYEES.dropna(subset=["salary"]))
summary.to_csv("summary.csv", index=False)
