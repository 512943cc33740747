"""planner.scenario"""
