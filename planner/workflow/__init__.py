"""planner.workflow"""
