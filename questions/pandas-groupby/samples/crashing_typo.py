import pandas as pd

EMPLOYEES = pd.DataFrame({"department": ["data"], "employee": ["ana"], "salary": [1.0]})


def salary_summary(df):
    return df.groupby("departement").mean()


summary = salary_summary(EMPLOYEES)
summary.to_csv("summary.csv", index=False)
