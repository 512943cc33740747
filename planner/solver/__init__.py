"""planner.solver"""
