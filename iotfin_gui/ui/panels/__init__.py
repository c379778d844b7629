"""The workstation's panels, one per step of the analyst's work."""
