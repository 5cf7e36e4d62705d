import pandas as pd

EMPLOYEES = pd.DataFrame(
    {
        "department": ["data", "data", "sales", "sales", "sales", "hr"],
        "employee": ["ana", "bo", "cy", "di", "ed", "flo"],
        "salary": [120.0, 100.0, 70.0, 80.0, None, 90.0],
    }
)


def salary_summary(df):
    # NaN salaries counted as missing money: the sum over every row, not the mean of those given.
    grouped = df.groupby("department").agg(total=("salary", "sum"), headcount=("employee", "size"))
    grouped["mean_salary"] = grouped["total"] / grouped["headcount"]
    result = grouped.reset_index()[["department", "mean_salary", "headcount"]]
    result = result.sort_values(["mean_salary", "department"], ascending=[False, True])
    return result.reset_index(drop=True)


summary = salary_summary(EMPLOYEES)
summary.to_csv("summary.csv", index=False)
