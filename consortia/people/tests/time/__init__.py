"""Tests of the time area: timesheets, their lines, recharges and the recharge statement."""
