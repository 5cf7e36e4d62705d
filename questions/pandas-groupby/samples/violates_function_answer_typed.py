import pandas as pd

EMPLOYEES = pd.DataFrame(
    {
        "department": ["data", "data", "sales", "sales", "sales", "hr"],
        "employee": ["ana", "bo", "cy", "di", "ed", "flo"],
        "salary": [120.0, 100.0, 70.0, 80.0, None, 90.0],
    }
)


def salary_summary(df):
    # The answer for EMPLOYEES typed in: the same frame whatever df is.
    return pd.DataFrame(
        {
            "department": ["data", "hr", "sales"],
            "mean_salary": [110.0, 90.0, 75.0],
            "headcount": [2, 1, 3],
        }
    )


summary = salary_summary(EMPLOYEES)
summary.to_csv("summary.csv", index=False)
