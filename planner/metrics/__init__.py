"""planner.metrics"""
