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
    # TODO: your code here
    raise NotImplementedError


# TODO: build `summary` for EMPLOYEES and save it to summary.csv
