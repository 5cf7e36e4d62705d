import pandas as pd

EMPLOYEES = pd.DataFrame(
    {
        "department": ["data", "data", "sales", "sales", "sales", "hr"],
        "employee": ["ana", "bo", "cy", "di", "ed", "flo"],
        "salary": [120.0, 100.0, 70.0, 80.0, None, 90.0],
    }
)


def salary_summary(df):
    grouped = df.groupby("department").agg(mean=("salary", "mean"), headcount=("employee", "size"))
    result = grouped.reset_index().sort_values(["mean", "department"], ascending=[False, True])
    return result.reset_index(drop=True)


summary = salary_summary(EMPLOYEES)
summary.to_csv("summary.csv", index=False)
