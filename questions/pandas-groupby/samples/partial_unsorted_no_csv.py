import pandas as pd

EMPLOYEES = pd.DataFrame(
    {
        "department": ["data", "data", "sales", "sales", "sales", "hr"],
        "employee": ["ana", "bo", "cy", "di", "ed", "flo"],
        "salary": [120.0, 100.0, 70.0, 80.0, None, 90.0],
    }
)


def salary_summary(df):
    # Right numbers, but sorted by department and no CSV file.
    return (
        df.groupby("department")
        .agg(mean_salary=("salary", "mean"), headcount=("employee", "size"))
        .reset_index()
    )


summary = salary_summary(EMPLOYEES)
