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
    columns = ["department", "mean_salary", "headcount"]
    if df.empty:
        return pd.DataFrame(columns=columns)
    out = (
        df.groupby("department", as_index=False)
        .agg(mean_salary=("salary", "mean"), headcount=("salary", "size"))
        .sort_values(["mean_salary", "department"], ascending=[False, True])
        .reset_index(drop=True)
    )
    return out[columns]


summary = salary_summary(EMPLOYEES)
summary.to_csv("summary.csv", index=False)

if __name__ == "__main__":
    print(summary)
