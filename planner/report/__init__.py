"""planner.report"""
