"""The Chinese ``--help`` of every command and option; the English is each command's own docstring
and ``help=`` (the source stays readable where it is written).

Keys: a command's path (``""`` for ``planner`` itself, ``"trends import"``) for (one line, text);
``"path --option"`` for an option (``" --version"`` is planner's own), or ``"* --option"`` for an option that means the same in every
command. A command's ``Example:`` block is taken from its English help (commands do not translate),
so only the prose is here. ``tests/test_help_lang.py`` fails for a command or option
without its Chinese words.
"""

from __future__ import annotations

COMMANDS_ZH: dict[str, tuple[str, str]] = {
    "": ("", """为短视频团队排期：发什么、发在哪、何时发、谁来做。

\b
退出码：0 成功，1 输入有误，2 无解，3 内部错误，
4 时限内没有找到方案，5 模型数值超限，6 违反硬性规则。

语言：--lang en、环境变量 PLANNER_LANG=en 或英文 locale 时为英文，默认中文。"""),
    "init": ("写一个带注释的起步场景文件，照着改。", """写一个带注释的起步场景文件，照着改。

每个平台一个账号，团队的角色覆盖每道工序，附几条示例选题：文件原样就能通过 check 并排出计划。
没给的选项在终端里会逐一询问，否则用默认值（抖音和小红书，3 人，14 天）。TARGET 是 .yaml 文件或文件夹
（在其中写 scenario.yaml；默认 ./scenario.yaml）。"""),
    "check": ("检查场景文件并给出概要。", """检查场景文件并给出概要。

检查每个字段、每处引用、规则包、依赖环、超出求解器范围的数值、每个选题是否符合目标平台的内容规则
（没有平台接受时报错，部分平台拒绝时给出警告并列出平台），以及被硬性规则禁止的固定项。每个问题一行：
文件:行:列 字段路径: 说明。只有警告时退出码为 0，有错误时为 1。"""),
    "schema": ("输出场景文件或计划文件的 JSON Schema。", """输出场景文件或计划文件的 JSON Schema。

让编辑器的 YAML 语言服务器使用它，即可补全和检查（中文名、变体的 extends/remove/add 都认）。"""),
    "plan": ("为场景排出发布与制作计划。", """为场景排出发布与制作计划。

搜索过程中打印当前最优目标值和上界，最后给出概要：各账号每天的发布数、每人的工时、未排入的选题及原因。
Ctrl-C 停止搜索并保留目前最好的计划。

找不到计划时（无解、时限内没有找到、或求解器拒绝模型）用一行说明，不写任何文件（之前的 -o 文件或报告保持原样），
退出码为 2、4 或 5；模型放不下的过大数值在求解前就会被拒绝（退出码 1）。"""),
    "explain": ("找出相互冲突的最少硬性规则（和固定项）。", """找出相互冲突的最少硬性规则（和固定项）。

把每条硬性规则都变成可关闭的再求解，尽量多地保留规则；被关掉的就是冲突所在，每条附来源。
没有冲突时退出码为 0，找到冲突时为 2，时限内没找到时为 4。"""),
    "score": ("给计划打分：求解得到的或手工排的都可以。", """给计划打分：求解得到的或手工排的都可以。

PLAN 是计划 JSON（planner plan -o）或 CSV 日历，列为 topic、account、time，可选 member 和 stage
（中文表头 选题、账号、时间、成员、环节 也可以；带环节如 拍摄 的行是任务，其余是发布）。报告每条硬性和软性规则的
违反（附规则 id 和来源）、各账号各目标的预测 KPI 及 80% 区间、每个选题在全部和各个渠道的表现、每人每天的工时对比产能，
以及蹭上的热点和热度。

求解器遵守的每条硬性规则都会检查，包括发布时段和固定项。制作（谁何时做、发布前的剪辑）只对日历里给了任务的选题评判；
其余选题会列为未评判。违反硬性规则时退出码为 6。"""),
    "whatif": ("求解基础场景及其变体，并对比计划。", """求解基础场景及其变体，并对比计划。

打印每个计划的目标值、带 80% 区间的 KPI、各账号发布数、未排入的选题和每人工时，再列出每个变体相对基础场景的变化：
移动、新增或取消的发布，以及改派的任务。"""),
    "rules": ("规则类型与各平台规则包（rules/*.yaml）。", "规则类型与各平台规则包（rules/*.yaml）。"),
    "rules list": ("每种规则类型：默认硬性还是软性，以及含义。", """每种规则类型：默认硬性还是软性，以及含义。

软性规则被违反时按权重扣分；硬性规则绝不违反。任何规则都可以用 ``hard: true|false`` 改写。"""),
    "rules show": ("以表格列出一个平台规则包的规则；all 列出全部。", """以表格列出一个平台规则包的规则；``all`` 列出全部。

列：id、类型、硬性或软性（软性附权重）、参数、来源、as_of。PLATFORM 是规则包名（douyin、kuaishou……）
或中文名（抖音、快手……）。"""),
    "rules lint": ("检查规则包文件：类型、参数、id、来源和日期。", """检查规则包文件：类型、参数、id、来源和日期。

每个问题一行：``文件:行:列 路径: [代码] 说明``；任一文件有问题时退出码为 1。

\b
代码：
  R000  文件无法读取（不存在、不是 UTF-8、YAML 无效）
  R001  规则 id 重复
  R002  规则没有来源（source）
  R003  规则没有 as_of 日期
  R004  规则类型未知或缺失
  R005  参数不符合规则类型（未知、缺失或超出范围）
  R006  规则字段有误（id、scope、hard、weight、as_of……）或规则不是映射
  R007  不是规则包（含 rules 列表的映射）或平台未知"""),
    "trends": ("从热榜快照得出热点窗口，并找出适合的选题。", "从热榜快照得出热点窗口（热点），并找出适合它们的选题。"),
    "trends import": ("从热榜快照（CSV 或 JSON lines）得出热点窗口。", """从热榜快照（CSV 或 JSON lines）得出热点窗口。

每行是某个快照中的一个话题：时间、排名、标题和热度。同一话题的连续出现合为一次在榜；每次在榜成为一个窗口，
含开始、峰值、结束、最高排名和热度曲线。广告、置顶和无排名的条目会跳过。"""),
    "trends show": ("以表格列出热点文件里最大的热点窗口。", "以表格列出热点文件里最大的热点窗口。"),
    "trends match": ("按关键词和类别，建议哪些选题适合哪些热点。", """按关键词和类别，建议哪些选题适合哪些热点。

每条建议都说明如何匹配。加 -o 时写出一个变体：extends SCENARIO，为匹配的选题设置 trend，并带上这些热点。"""),
    "fit": ("用历史导出数据拟合指标模型，存为 JSON。", """用历史导出数据拟合指标模型，存为 JSON 模型文件。

导出中有的每项指标（播放、点赞、评论、转发、收藏、完播、涨粉、转化）都得到一个带校准 10%-90% 区间的模型。
文件是可读的 JSON，带版本号，预测结果与拟合时完全一致。"""),
    "backtest": ("对照运营的基准回测指标模型。", """按时间顺序回测：用过去拟合，预测之后几周，再向前滚动。

按 log10 计数的 MAE、Spearman 等级相关和落在 80% 区间内的比例为每项指标打分，模型和运营的基准各一份：
账号自己此前发布的中位数，以及同类别的中位数。"""),
    "besttime": ("账号期望价值的 星期 × 小时 热力图。", """账号期望价值的 星期 × 小时 热力图，并列出最佳时段。

HISTORY 是导出数据（当场拟合）或 planner fit 写出的模型文件。"""),
    "factors": ("什么在影响一项指标（小时、形式、时长……），附不确定度。", """什么在影响一项指标：小时、星期、形式、时长、类别、是否蹭热点、账号大小。

每个水平相对该因素最常见水平的效应（其他因素保持不变），不确定度来自按整个账号重抽样；从大到小排列。
输出会提醒这类效应说明不了的：账号之间的差异不止这些因素，热门榜样本里只有表现好的内容。"""),
    "topics": ("选题库：表格读成选题，再连同排好的时段写回表格。", "选题库：表格读成选题，再连同排好的时段写回表格。"),
    "topics import": ("把选题库表格（XLSX 或 CSV，中文或英文表头）读成选题。", """把选题库表格（XLSX 或 CSV，中文或英文表头）读成选题。

表头：选题 标题 平台 形式 目标 优先级 时长 截止 出镜 栏目 状态 已完成环节（或 topic、title、platforms、format、goal、
priority、duration、deadline、talent、series、status、done）。有问题的行单独拒绝，一行说明文件、工作表、行和列，
其余行照常读入；状态为 已发布 或 已取消 的行跳过。场景也可以用 topics_from: 选题库.xlsx 直接读表，或 extends 这里写出的 YAML。"""),
    "topics export": ("把场景的选题写成选题库表格，附每个选题排好的发布。", """把场景的选题写成选题库表格，附每个选题排好的发布（计划发布）。

表格的列就是 topics import 读的列，所以读回来是同样的选题。"""),
    "actuals": ("创作者中心导出的作品数据，与计划对上号。", "创作者中心导出的作品数据，与计划对上号。"),
    "actuals import": ("读导出文件，把每行对到计划里的发布，写出带选题的结果。", """读导出文件，把每行对到计划里的发布（账号、12 小时内的时间、相近的标题），
连同所属选题写出。对不上的行逐条列出原因。"""),
    "review": ("复盘：预测（80% 区间）对比实际。", """复盘：播放、点赞、评论、收藏的预测（80% 区间）对比实际：每条发布、每个选题的全渠道与单渠道；
哪些落在区间外；偏差与哪些因素相关；到目前为止区间的校准情况；模型与账号中位数基线的误差对比。"""),
    "sweep": ("在一组设置上求解同一场景，每种情况是 Dask 上的一个任务，最后对比。", """在一组设置上求解同一场景，每种情况是 Dask 上的一个任务，最后对比。

--vary 名称=值1,值2,...（可重复）：seed=0..9 表示种子 0 到 9；variant=a.yaml,b.yaml 表示场景本身和每个变体文件；
字段路径=值1,值2 表示一个字段（键和 id 用点连接，值按 YAML 写，列表用方括号），平台规则包里的规则按 id 覆盖。

\b
例：rules.kuaishou.daily_cap.max=1,2,3   team.chen.hours_per_day=6,8
    team.chen.weekdays_off=[sat],[sat,sun]   team.fang.days_off=[],[2026-12-18]

每种情况一行（状态、价值、发布数、差距、耗时和计划的哈希：哈希相同即计划相同），然后是各平台发布数和每人工时。
进度（完成数/总数）写到标准错误。失败的情况（重试两次后仍失败）列在表格下方，退出码为 3，其余情况的结果保留。"""),
    "bench": ("基准实例，以及求解器在其上的表现。", "基准实例，以及求解器在其上的表现。"),
    "bench generate": ("写一个基准场景。", """写一个基准场景：品牌、账号、有休息日的团队、热点、系列、直播。

S：2 个账号、5 名成员、30 个选题、7 天。M：6、10、150、14。L：12、25、600、28。
XL：一个代理公司 20 个客户 × 3 个账号，100 名成员（10 名共享），3,000 个选题，28 天。"""),
    "bench corpus": ("写出场景语料库：每类团队、每个种子一个文件。", """写出场景语料库：每类团队、每个种子一个文件。

\b
solo     一个人担任所有角色，21 天，长剪辑分多天完成
brand    品牌团队：固定的直播和广告（受广告占比上限约束）、存稿、一次发布会拍摄
agency   三个客户，各有自己的团队，另有共享人员
live     直播带货：每晚一场直播，主播被占用
starved  选题多于团队的工时
long     28 天，含系列和每周栏目

同样的类别和种子，得到逐字节相同的文件。"""),
    "bench run": ("求解每个实例和贪心基线；写 RESULTS.md 并更新 bks.json。", """求解每个实例和贪心基线；写 RESULTS.md 并更新 bks.json。

每次求解在单独的进程中运行（记录每次的峰值内存）；边运行边打印进度。"""),
}

OPTIONS_ZH: dict[str, str] = {
    " --version": "显示版本并退出。",
    "* --allow-outside": "允许场景引用其文件夹之外的文件（extends、rule_packs、history）。",
    "* --lang": "消息和标签的语言（默认跟随 PLANNER_LANG 或 locale，否则中文）。",
    "* --quiet": "只打印问题。",
    "* --seed": "随机种子（0 或更大）。",
    "* --workers": "搜索线程数（1-64）。",
    "* --preset": "导出文件的格式（默认按表头识别）。",
    "* --map": "列映射文件（YAML/JSON：字段: 表头，或 字段: =常量）。",
    "* --tz": "不带时区的时间所在的时区。",
    "* --observed-at": "导出数据的读取时间（文件里没写时）。",
    "* --metric": "指标。",
    "init --name": "场景名称（默认按天数命名）。",
    "init --platforms": "平台，逗号分隔：抖音,小红书 或 douyin,xiaohongshu。",
    "init --team": "做视频的人数。",
    "init --days": "排期天数。",
    "init --start": "第一天（默认下周一）。",
    "init --force": "覆盖已有文件。",
    "plan --time-limit": "搜索秒数。",
    "plan --deterministic": "确定性：同一种子得到同一计划（按 CP-SAT 的确定性时间停止，所以实际耗时会变）。"
                            "墙钟：到 --time-limit 秒停止。",
    "plan --stable": "之前的 plan.json：移动其中的发布要付出代价（重排不折腾）。",
    "plan --output": "把计划 JSON 写到这里。",
    "plan --format": "另外输出打分后的计划：table（概要）、json、csv、xlsx、md、ics、html。xlsx 是一个工作簿，四张表：发布计划、制作任务、成员工作量、未排入；csv 是同样四张表各一个文件（plan-publications.csv 可直接给 planner score 当日历），另有 kpis、violations、topics、trends。",
    "plan --report": "报告写到哪里（一个文件；csv/ics 时是文件夹）。",
    "plan --quiet": "不打印进度。",
    "explain --time-limit": "搜索秒数。",
    "score --format": "table（终端）、json、csv、md（Markdown）、ics（日历）或 html（单个文件）。",
    "score --output": "写到这里：一个文件；csv 和 ics 时是文件夹（每张表或每个日历一个文件）。",
    "score --strict": "为旧脚本保留，不再有额外作用：违反硬性规则时 score 总是以 6 退出。",
    "whatif --time-limit": "每个场景的搜索时间，与 planner plan 相同（CP-SAT 确定性秒；--wall-clock 时为实际秒）。",
    "whatif --deterministic": "确定性：同样的文件和种子得到同样的对比。",
    "whatif --stable": "stable：先求解基础场景，再让每个变体在其基础上求解（移动基础场景的发布要付出代价），"
                       "这样差异只来自变体本身。fresh：每个都从头求解。",
    "whatif --processes": "同时求解的场景数，每个在单独的进程中用一个 CP-SAT 线程。",
    "whatif --format": "table（终端）、json、csv、md（Markdown）、ics（日历）或 html（单个文件）。",
    "whatif --output": "写到这里：一个文件；csv 和 ics 时是文件夹（每张表或每个日历一个文件）。",
    "trends import --source": "导出文件的列名和 id 前缀。",
    "trends import --since": "跳过 T 之前的快照（ISO 日期或时间；不带时区时按 --tz）。",
    "trends import --until": "跳过 T 及之后的快照。",
    "trends import --min-snapshots": "只保留至少出现在 N 个快照中的窗口。",
    "trends import --gap": "话题连续 N 个快照不在榜时，本次在榜结束。",
    "trends import --tz": "不带时区的时间所在的时区，也是输出的时区。",
    "trends import --output": "要写的 trends.yaml。",
    "trends show --top": "显示多少个窗口。",
    "trends show --by": "按峰值热度、在榜小时数或最晚开始排序。",
    "trends match --min-score": "建议的最低匹配分（0..1）。",
    "trends match --any-time": "也考虑排期范围之外的热点。",
    "trends match --name": "变体的名称（默认：场景名加“热点”）。",
    "trends match --output": "写一个把选题关联到热点的场景变体。",
    "fit --age": "把计数统一换算到的发布后小时数（默认：首次读数的典型时长）。",
    "fit --output": "要写的模型文件（JSON）。",
    "backtest --metric": "要测试的指标（可重复；默认导出中有的每项指标）。",
    "backtest --test-share": "用于测试的发布日期比例（取最近的）。",
    "backtest --folds": "向前滚动的测试窗口数（默认测试期每周一个，最多 4 个）。",
    "besttime --account": "历史数据中的账号 id 或名称。",
    "factors --bootstraps": "每个 ± 背后的重抽样次数（越多越稳，越慢）。",
    "factors --resample": "每次重抽样抽什么：整个账号（同一账号的内容并不独立），或单条内容（区间更窄，"
                          "对因账号而异的效应过于自信）。",
    "bench generate --tier": "S、M、L、XL，或 T<选题数>（扩展曲线上的一个点）。",
    "bench generate --seed": "同一档位和种子：逐字节相同的文件。",
    "bench generate --output": "写入 <档位>-seed<种子>.yaml 的文件夹。",
    "bench run --tiers": "逗号分隔的档位，或 none。",
    "bench run --seeds": "逗号分隔的种子。",
    "bench run --time-limit": "每次求解的搜索秒数（默认按档位：S 30、M 20、L 60、XL 300、曲线 60）。",
    "bench run --workers": "求解线程数（默认 SolveOptions 的 2）。",
    "bench run --curve": "扩展曲线的选题数（每个种子 1），如 50,100,200,400,700,1000。",
    "bench run --out": "bks.json、results.json 和 RESULTS.md 所在的文件夹。",
    "bench run --instances": "把生成的实例保留在这里。",
    "plan --from": "与 --stable 一起用：把之前计划里这个时刻（如 2026-12-10T00:00）之前的发布和制作固定下来，"
                   "重排其余部分，并说明哪些变了。",
    "whatif --cluster": "在这个 Dask 调度器的工作进程上求解（默认：环境变量 PLANNER_DASK_SCHEDULER，否则在本机用 --processes）。",
    "topics import --output": "把选题以 YAML 写到这里（否则输出到标准输出）。",
    "topics import --sheet": "要读的 XLSX 工作表（名称或从 0 开始的序号；默认第一张）。",
    "topics export --output": "要写的表格：.xlsx，或 .csv（带 BOM 的 UTF-8）。",
    "actuals import --scenario": "排期所用的场景。",
    "actuals import --plan": "这些发布所依据的计划。",
    "actuals import --account": "只含一个账号的导出文件属于场景里的哪个账号。",
    "actuals import --output": "写出对上号的行（CSV）。",
    "actuals import --history": "同时把对上号的行追加到这个历史文件（planner 自己的格式；不存在就新建）。",
    "review --report": "把 HTML（或表格）写到这里，而不是标准输出。",
    "sweep --vary": "网格的一个维度（可重复；每种组合是一种情况）。见上文。",
    "sweep --time-limit": "每种情况的搜索时间，单位是 CP-SAT 确定性秒（--wall-clock 时为实际秒）。",
    "sweep --deterministic": "确定性：一种情况无论在哪里运行都得到同样的计划（和哈希）。",
    "sweep --cluster": "把任务发给这个 Dask 调度器（默认：环境变量 PLANNER_DASK_SCHEDULER，否则在本机启动一个每核一个工作进程的集群）。",
    "sweep --processes": "本机集群的工作进程数（默认每核一个）；1 表示在当前进程里求解。",
    "sweep --format": "table（终端）、json 或 csv（每种情况一行）。",
    "sweep --output": "写到这里：一个文件；csv 时是文件夹（每张表一个文件）。",
    "* --source-tz": "文件里不带时区的时间属于哪个时区（默认同 --tz）。例如 UTC 时间的文件、越南账号：--source-tz UTC --tz Asia/Ho_Chi_Minh。",
    "fit --age-exponent": "播放量按 作品时长^该值 增长（默认：从被读取过多次的作品测得；没有重复读数时采用典型的短视频增长，输出会说明）。",
    "bench run --no-greedy": "跳过贪心基线。",
    "bench run --corpus": "求解语料库：每类团队在每个种子下的实例（默认时限 30 秒）。",
    "bench run --families": "要运行的语料库类别（与 --corpus 一起用）。",
    "bench run --corpus-dir": "语料库所在文件夹（默认：OUT/corpus）。",
    "bench run --baseline": "一个更早的 planner 检出目录（如 git worktree），其求解器在每个语料库实例上并排运行，作为上一版本一列。",
    "bench corpus --out": "把 <类别>_<种子>.yaml 写到这个文件夹。",
    "bench corpus --families": "逗号分隔的类别：solo、brand、agency、live、starved、long。",
    "bench corpus --seeds": "逗号分隔的种子。",
    "bench run --bks-only": "为改进 bks.json 的长时间运行：不记录其结果行（RESULTS.md 会重新生成）。",
    "bench run --memory-limit": "把每次运行的地址空间限制在这么多 GiB。",
    "bench run --kill-after": "运行超过这么多秒就终止（默认：6 × 时限 + 900）。",
}
