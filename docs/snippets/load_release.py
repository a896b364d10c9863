"""Load a release of the drug-facts graph into pandas and list what a drug acts on.

    python load_release.py RELEASE_FOLDER [ENTITY_ID]

RELEASE_FOLDER is one release, e.g. .releases/<dataVersion>; ENTITY_ID defaults to
drug:baclofen. Prints the rows of each table, then the drug's targets with every sentence cited
for each.
"""

import sys

import pandas as pd

TABLES = ["entities", "statements", "qualifiers", "citations", "sources"]


def load_release(folder):
    # An empty field is a missing value; text such as "NA" or "None" stays text.
    return {
        name: pd.read_csv(f"{folder}/{name}.csv", keep_default_na=False, na_values=[""]).convert_dtypes()
        for name in TABLES
    }


def targets_of(tables, drug):
    """The drug's ACTS_ON statements with the target's name and kind, the action, and their citations."""
    statements, entities = tables["statements"], tables["entities"]
    # Qualifiers come one row per key; a pivot makes them columns, one row per statement.
    qualifiers = tables["qualifiers"].pivot(index="statement_id", columns="key", values="value")
    acts_on = statements[(statements.subject == drug) & (statements.predicate == "ACTS_ON")]
    targets = acts_on.merge(entities[["id", "name", "kind"]].add_prefix("target_"), left_on="object", right_on="target_id")
    targets = targets.join(qualifiers[["action"]], on="id")
    return targets.merge(tables["citations"], left_on="id", right_on="statement_id", suffixes=("", "_citation"))


def main():
    folder = sys.argv[1]
    drug = sys.argv[2] if len(sys.argv) > 2 else "drug:baclofen"
    tables = load_release(folder)
    for name, table in tables.items():
        print(f"{name}.csv: {len(table)} rows")

    entity = tables["entities"].set_index("id").loc[drug]
    targets = targets_of(tables, drug).sort_values(["target_name", "id", "ordinal"])
    print(
        f"{entity['name']} ({entity['kind']}, {drug}) acts on {targets.target_id.nunique()} targets"
        f" in {targets.id.nunique()} statements:"
    )
    for (statement, name, kind, target, action), cited in targets.groupby(
        ["id", "target_name", "target_kind", "target_id", "action"], sort=False, dropna=False
    ):
        print(f"- {name} ({kind}, {target}): {action} [{statement}]")
        for row in cited.itertuples():
            hedge = f" [hedge: {row.hedge}]" if pd.notna(row.hedge) else ""
            print(f"    {row.citation_id} ({row.source}) {row.statement}{hedge}")


if __name__ == "__main__":
    main()
