"""Named operations of the performance app: periods, passing KPIs down, returns, RAG, reminders."""
