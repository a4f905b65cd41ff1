"""Lists of the finance app, one module per area; money columns are the kit's `MoneyColumn`."""
