"""planner.trends"""
