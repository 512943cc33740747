"""planner.rules"""
