"""Workflow graphs: the stages of a topic and the order between topics."""

from planner.workflow.graphs import dependency_graph, ordered_stages, production_stages, stage_graph

__all__ = ["dependency_graph", "ordered_stages", "production_stages", "stage_graph"]
