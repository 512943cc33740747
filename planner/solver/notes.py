"""What a run says about itself beside the plan (the "note:" lines), in zh and en."""

from __future__ import annotations

from typing import Any

from planner.messages import Catalogue, say_in

WORDS: Catalogue = {
    "no_start": ("没有起始方案：贪心方案违反了硬性规则或固定项，几秒内也没找到与之最接近的可行方案；搜索从零开始",
                 "no start plan: the greedy plan breaks a hard rule or a pin, and no plan close to it was found in its "
                 "few seconds; the search started from nothing"),
    "lp_tighter": ("上界来自 LP 松弛（GLOP 用时 {seconds:.1f} 秒），比搜索自身的 {own:,.1f} 更紧",
                   "the bound is the LP relaxation's ({seconds:.1f} s with GLOP), tighter than the search's own {own:,.1f}"),
    "lp": ("上界来自 LP 松弛（GLOP 用时 {seconds:.1f} 秒）", "the bound is the LP relaxation's ({seconds:.1f} s with GLOP)"),
    "cp_bound": ("上界由 CP-SAT 在搜索旁证明（模型太大，LP 松弛来不及）",
                 "the bound is CP-SAT's, proven beside the search (the model is too large for the LP relaxation)"),
    "plain_bound": ("上界是各项最佳价值的简单加总", "the bound is the plain sum of best values"),
    "guard": ("搜索在确定性时限之前被墙钟保护（{guard:g} 秒）停止：这个计划在不同运行之间可能不同",
              "the search was stopped by the wall-clock guard ({guard:g} s) before its deterministic limit: this plan "
              "may differ between runs"),
    "churn": ("对比之前的计划：{total} 条发布中有 {gone} 条改期或取消，其中 {forced} 条是变化所迫（满足所有规则的最接近方案也留不住），"
              "{pays} 条是因为改了更划算",
              "against the earlier plan: {gone} of its {total} posts moved or were dropped, {forced} forced by the "
              "change (the closest plan that keeps every rule), {pays} because moving them pays"),
    "neighbourhoods": ("按选题邻域改进了 {steps} 步（{improved} 步改进了计划）",
                       "improved by {steps} topic neighbourhoods ({improved} improved the plan)"),
    "parts": ("分 {parts} 部分求解，每部分约 {items:,} 个候选，其余部分固定（{improved} 部分改进了贪心方案）；上界是各项最佳价值的简单加总",
              "solved in {parts} parts of about {items:,} candidates, each with the rest of the plan fixed ({improved} "
              "improved the greedy plan); the bound is the plain sum of best values"),
    "parts_time": ("时限在 {done}/{total} 部分之后用完", "the time limit ran out after {done} of {total} parts"),
    "parts_interrupted": ("在 {done}/{total} 部分之后被中断", "interrupted after {done} of {total} parts"),
    "part_skipped": ("跳过了一个部分：当前计划不能作为它的提示", "a part was skipped: the current plan did not hold as its hint"),
    "overtime": ("{day}：任务超出了工作时间", "{day}: tasks run past working hours"),
}


def note(key: str, lang: str, **args: Any) -> str:
    return say_in(WORDS, key, lang, **args)
