"""planner.scoring"""
