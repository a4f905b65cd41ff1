"""Demo data: a fictional Lancashire consortium and one login per persona, loaded by `load_demo`."""
