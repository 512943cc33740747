"""Production and dependency graphs (networkx): stage order within a topic, order across topics."""

from __future__ import annotations

import networkx as nx

from planner.domain.scenario import Scenario, Topic
from planner.domain.templates import StageSpec, split_stage, topic_dependencies, topic_stages
from planner.errors import InputError, Problem
from planner.workflow.staffing import reach


def stage_graph(topic: Topic) -> nx.DiGraph:
    """Stages of one topic as a DAG; node data holds the StageSpec."""
    graph = nx.DiGraph()
    stages = topic_stages(topic)
    for stage in stages:
        graph.add_node(stage.name, spec=stage)
    for stage in stages:
        for before in stage.after:
            if before in graph:
                graph.add_edge(before, stage.name)
    return graph


def ordered_stages(topic: Topic) -> list[StageSpec]:
    """Stages in an order that respects their dependencies (stable by template order)."""
    graph = stage_graph(topic)
    order = {s.name: i for i, s in enumerate(topic_stages(topic))}
    names = nx.lexicographical_topological_sort(graph, key=lambda n: order[n])
    return [graph.nodes[n]["spec"] for n in names]


def production_stages(topic: Topic, scenario: Scenario) -> list[StageSpec]:
    """The stages as the solver plans them: in order, each longer than anyone's day cut into day-parts."""
    return [part for stage in ordered_stages(topic) for part in split_stage(stage, reach(topic, stage, scenario))]


def dependency_graph(scenario: Scenario) -> nx.DiGraph:
    """Topics as nodes, an edge A -> B when B must go out after A; a cycle is an input error."""
    graph = nx.DiGraph()
    graph.add_nodes_from(t.id for t in scenario.topics)
    for before, after, why in topic_dependencies(scenario.topics):
        graph.add_edge(before, after, why=why)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return graph
    names = [u for u, _ in cycle] + [cycle[0][0]]
    first = scenario.topic_by_id[cycle[0][1]]
    index = scenario.topics.index(first)
    problem = Problem(f"dependency cycle: {' -> '.join(names)}", path=f"topics[{index}]")
    if scenario._sources is not None:
        from planner.scenario.yamlio import problem_at

        problem = problem_at(scenario._sources, ("topics", index), problem.message)
    raise InputError(problem)
