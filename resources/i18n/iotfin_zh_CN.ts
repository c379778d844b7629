<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../iotfin_gui/ui/dialogs.py" line="+51"/>
        <source>Offline workstation for ATM and IoT fleet analytics: import, preprocess, model, forecast and report, on this computer only.</source>
        <translation>面向 ATM 与 IoT 设备群分析的离线工作站：导入、预处理、建模、预测和报告，全部仅在本机完成。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>About IoTFin Workstation</source>
        <translation>关于 IoTFin Workstation</translation>
    </message>
</context>
<context>
    <name>AggregationGrid</name>
    <message>
        <location filename="../../iotfin_gui/ui/recipe_editor.py" line="+264"/>
        <source>%1 (missing)</source>
        <translation>%1（不存在）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>— (drop)</source>
        <translation>—（丢弃）</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../iotfin_gui/ui/app.py" line="+50"/>
        <source>The store is damaged</source>
        <extracomment>The app id: the name of the Linux .desktop file (iotfin_gui/desktop/) and of the Windows taskbar group, so that the desktop shows the app&apos;s icon and name for its windows.</extracomment>
        <translation>数据存储已损坏</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restore the newest backup</source>
        <translation>恢复最新的备份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>A crash report was saved to %1</source>
        <translation>崩溃报告已保存到 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The workstation was started again on this store; this window is used.</source>
        <translation>工作站在此数据存储上再次启动；将使用这个窗口。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The workstation is already open on %1; its window was brought forward.</source>
        <translation>工作站已在 %1 上打开；已将其窗口调到前台。</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>Cannot open the store</source>
        <translation>无法打开数据存储</translation>
    </message>
</context>
<context>
    <name>AtmPicker</name>
    <message>
        <location filename="../../iotfin_gui/ui/cashplan/route_editors.py" line="+158"/>
        <source>All other ATMs</source>
        <translation>其余所有 ATM</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter ATMs</source>
        <translation>筛选 ATM</translation>
    </message>
</context>
<context>
    <name>CashPlanPage</name>
    <message>
        <location filename="../../iotfin_gui/ui/cashplan/page.py" line="+56"/>
        <source>Routes and visits</source>
        <translation>线路和上门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Policy backtest</source>
        <translation>策略回测</translation>
    </message>
</context>
<context>
    <name>CheckList</name>
    <message>
        <location filename="../../iotfin_gui/ui/recipe_editor.py" line="-172"/>
        <source>%1 (missing)</source>
        <translation>%1（缺失）</translation>
    </message>
</context>
<context>
    <name>ChoiceBox</name>
    <message>
        <location line="+30"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
</context>
<context>
    <name>ClusterDialog</name>
    <message>
        <location filename="../../iotfin_gui/ui/cluster_dialog.py" line="+58"/>
        <source>Dask cluster</source>
        <extracomment>Seconds Test connection waits for the scheduler.</extracomment>
        <translation>Dask 集群</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run heavy jobs (forecasts, model training and search) on a Dask cluster: type its scheduler&apos;s address, e.g. tcp://10.0.0.5:8786. The workers must run this version of the app and see the store&apos;s folder at the same path. Leave it empty to run on this computer.</source>
        <translation>在 Dask 集群上运行繁重的任务（预测、模型训练和搜索）：输入其调度器的地址，例如 tcp://10.0.0.5:8786。各工作节点须运行本版本的应用，并能在相同路径下看到存储库的文件夹。留空则在本机运行。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>empty: this computer only</source>
        <translation>留空：仅在本机运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run heavy jobs on a Dask cluster: address</source>
        <translation>在 Dask 集群上运行繁重任务：地址</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No address: jobs run on this computer.</source>
        <translation>没有地址：任务在本机运行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Connected to %1: %2 worker(s), %3 thread(s).</source>
        <translation>已连接到 %1：%2 个工作节点，%3 个线程。</translation>
    </message>
</context>
<context>
    <name>ColumnBox</name>
    <message>
        <location filename="../../iotfin_gui/ui/recipe_editor.py" line="-60"/>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>— choose a column —</source>
        <translation>— 选择列 —</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (missing)</source>
        <translation>%1（不存在）</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../iotfin_gui/ui/models/compare_view.py" line="+37"/>
        <source>Select two runs (Ctrl+click) to compare their parameters and metrics.</source>
        <translation>选择两个运行（Ctrl+单击）以比较其参数和指标。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cross-validated</source>
        <translation>交叉验证</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>test rows</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seconds</source>
        <translation>耗时（秒）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>b − a</source>
        <translation>b − a</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>b better</source>
        <translation>b 更优</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&lt;b&gt;A&lt;/b&gt; = %1, &lt;b&gt;B&lt;/b&gt; = %2: %n parameter(s) differ.</source>
        <translation>
            <numerusform>&lt;b&gt;A&lt;/b&gt; = %1，&lt;b&gt;B&lt;/b&gt; = %2：%n 个参数不同。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <location filename="../../iotfin_gui/core/errors.py" line="+41"/>
        <source>file {file}</source>
        <translation>文件 {file}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>column {column!r}</source>
        <translation>列 {column!r}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/jobs.py" line="+200"/>
        <source>{elapsed} elapsed</source>
        <extracomment>Fraction and elapsed seconds below which no remaining time is estimated (too little seen). The log file&apos;s record of every job the pool runs: start, end, error details, duration (DEBUG: the file keeps it, the Messages pane does not; see :mod:`iotfin_gui.core.logs`). Imported by each worker before it takes its first job, so that jobs start without delay.</extracomment>
        <translation>已用时 {elapsed}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{elapsed} elapsed, about {remaining} left</source>
        <translation>已用时 {elapsed}，预计还需约 {remaining}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unexpected error ({kind}): {error}</source>
        <translation>意外错误（{kind}）：{error}</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>The job&apos;s result could not be returned: {message}</source>
        <extracomment>A ``log`` event&apos;s logger name and level (a warning the job logged in its process).</extracomment>
        <translation>无法返回任务结果：{message}</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The worker process stopped unexpectedly (exit code {code}); nothing it was writing was kept.</source>
        <translation>工作进程意外终止（退出代码 {code}），其正在写入的内容均未保留。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/__init__.py" line="+91"/>
        <source>store file (default: $IOTFIN_DB, else the user&apos;s data folder)</source>
        <extracomment>Commands that only read the store (or replace it wholesale) and so do not first remove what killed jobs left behind (:mod:`iotfin_gui.core.leftovers`); every other command does. Interface languages (iotfin_gui.ui.i18n.LANGUAGES, repeated so the CLI needs no Qt to parse). A job&apos;s progress bar appears once it has run this long (quick commands print no bar). Width of the progress bar in characters. The log file&apos;s record of each command: its arguments, outcome and duration.</extracomment>
        <translation>存储文件（默认：$IOTFIN_DB，否则为用户数据文件夹中的文件）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>print one JSON object as the last line</source>
        <translation>在最后一行输出一个 JSON 对象</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>interface language (default: the setting chosen in the window, else the system&apos;s)</source>
        <translation>界面语言（默认：窗口中所选的设置，否则为系统语言）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no progress bar on stderr</source>
        <translation>不在 stderr 上显示进度条</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cores the job may use (default: $IOTFIN_CORES, else all)</source>
        <translation>任务可使用的 CPU 核心数（默认：$IOTFIN_CORES，否则为全部）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>run the job&apos;s pieces on this Dask scheduler, e.g. tcp://host:8786 (default: $IOTFIN_CLUSTER, else this machine)</source>
        <translation>在此 Dask 调度器上运行任务的各个部分，例如 tcp://host:8786（默认：$IOTFIN_CLUSTER，否则在本机运行）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>IoTFin Workstation: ATM and IoT fleet analytics, offline. Without a command, opens the workstation window.</source>
        <translation>IoTFin Workstation：面向 ATM 与 IoT 设备群的离线分析工具。不带命令运行时将打开工作站窗口。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>show the version of the workstation and of its key libraries, and exit</source>
        <translation>显示工作站及其主要库的版本，然后退出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>open the window, save a screenshot of it to OUT.png and exit</source>
        <translation>打开窗口，将其截图保存到 OUT.png 后退出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>panel to show first (today, data, preprocess, models, fleet, forecast, reports)</source>
        <translation>首先显示的面板（today、data、preprocess、models、fleet、forecast、reports）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>do not load the demo fleet</source>
        <translation>不加载演示设备群</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>window size in pixels, e.g. 1366x768 (for screenshots of a small laptop screen)</source>
        <translation>窗口大小（像素），例如 1366x768（用于小尺寸笔记本屏幕的截图）</translation>
    </message>
    <message>
        <location line="+161"/>
        <source>Cancelled; {count} finished result(s) were kept and marked partial.</source>
        <translation>已取消；已完成的 {count} 个结果已保留，并标记为部分运行。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelled; the store is unchanged.</source>
        <translation>已取消，数据存储未作更改。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+5"/>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/detect.py" line="+76"/>
        <source>delimited text (CSV)</source>
        <extracomment>The longest stretch without a line break a text file may hold (decompressed bytes). A compressed file (.gz, or the zip inside .xlsx/.ods) may expand to this many times its size, but always to at least :data:`EXPANSION_FLOOR` bytes: real exports compress 3-20x, bombs 1000x. The formats read as text in an encoding that detection finds. The encodings detection chooses among (UTF-16 and BOMs are recognised before): those bank and ATM exports are written in. Windows supersets are preferred (cp932 for Shift-JIS, cp949 for EUC-KR, GB18030 for GB2312/GBK). Below this confidence a detected encoding is flagged for the user to confirm. How each format is named on screen.</extracomment>
        <translation>分隔符文本（CSV）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parquet</source>
        <translation>Parquet 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON array of records</source>
        <translation>JSON 记录数组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON lines</source>
        <translation>JSON lines（每行一条记录）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ThingsBoard telemetry export</source>
        <translation>ThingsBoard 遥测导出文件</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/input_files.py" line="+37"/>
        <source>this is a named pipe (FIFO), not a file: reading it would wait for whatever writes to it. Save the data to a file first.</source>
        <translation>这是一个命名管道（FIFO），不是文件：读取它会一直等待写入方。请先把数据保存为文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this is a device (such as /dev/zero), not a file: it never ends. Choose a data file.</source>
        <translation>这是一个设备（例如 /dev/zero），不是文件：它永远读不完。请选择数据文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this is a socket, not a file.</source>
        <translation>这是一个套接字，不是文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>this is not a regular file.</source>
        <translation>这不是普通文件。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>this is a symbolic link to {target}, which does not exist.</source>
        <translation>这是指向 {target} 的符号链接，而该目标不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this symbolic link leads back to itself (a link loop); it names no file.</source>
        <translation>这个符号链接最终指回自身（链接循环），不指向任何文件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>this is not a usable file name.</source>
        <translation>这不是可用的文件名。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>this file is made up by the system as it is read (/proc, /sys), not a data file.</source>
        <translation>这是系统在读取时临时生成的文件（/proc、/sys），不是数据文件。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the file is larger than {limit:,} bytes, too large for this.</source>
        <translation>文件大于 {limit:,} 字节，对此用途来说太大。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reading the file took longer than {seconds:g} s; copy it to a local disk first.</source>
        <translation>读取文件超过 {seconds:g} 秒；请先把它复制到本地磁盘。</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>this is a folder, not a file.</source>
        <extracomment>Folders whose files the system makes up as they are read. How long :func:`read_bounded` may take, in seconds (a slow network share, a stuck disk).</extracomment>
        <translation>这是文件夹，不是文件。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/detect.py" line="+1"/>
        <source>HTML table (as some systems save .xls files)</source>
        <translation>HTML 表格（一些系统以 .xls 保存的文件）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel 2003 XML spreadsheet</source>
        <translation>Excel 2003 XML 电子表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fixed-width text report</source>
        <translation>定宽文本报表</translation>
    </message>
    <message>
        <location line="+62"/>
        <location line="+11"/>
        <source>the file is empty.</source>
        <extracomment>The start of an HTML document or fragment (after comments), lower-cased. An Excel 2003 XML workbook: a Workbook element in the spreadsheet namespace. The sheet row (from 1) that holds the column names; None: found by the Excel reader. Read a wide table (a column per device or per date) as long rows: ``devices_across``, ``dates_across`` or ``auto`` (see :mod:`~iotfin_gui.core.ingest.unpivot`). How sure the detection is of ``encoding`` (1.0 when the user chose it); not an option. The text decoded with the detected ``encoding`` looks garbled; not an option.</extracomment>
        <translation>文件为空。</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>cannot read the file: {error}</source>
        <translation>无法读取文件：{error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown format {format!r}; expected one of {formats}.</source>
        <translation>未知格式 {format!r}；应为以下之一：{formats}。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>this is a binary file, not text or a table this app can read.</source>
        <translation>这是二进制文件，不是本程序可读取的文本或表格。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>this {size} compressed file expands to more than {limit} (over {ratio} times its size): refused as a likely decompression bomb. Decompress it yourself if it is genuine.</source>
        <extracomment>Mojibake of UTF-8 read as a Western single-byte encoding: &quot;Ã©&quot;, &quot;â€™&quot;, &quot;Â &quot;.</extracomment>
        <translation>这个 {size} 的压缩文件解压后超过 {limit}（超过其大小的 {ratio} 倍）：疑似解压炸弹，已拒绝。如确为正常文件，请先自行解压。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>more than {megabytes} MB without a line break after line {line}: this does not look like a text table (binary data, or an unclosed quote).</source>
        <extracomment>Bytes handed out (after decompression). False once a byte that is not plain ASCII (or is NUL) has been read. The last gzip member read so far is complete (the file may end here).</extracomment>
        <translation>第 {line} 行之后超过 {megabytes} MB 的内容没有换行：这看起来不像文本表格（可能是二进制数据，或有未闭合的引号）。</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>unknown text encoding {encoding!r}.</source>
        <translation>未知的文本编码 {encoding!r}。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/readers.py" line="+519"/>
        <source>the file has no rows.</source>
        <extracomment>Encodings (Python codec names) in which the bytes of &quot;
&quot; and &quot;<byte value="xd"/>&quot; are never part of another character, so the file can be cut into lines before it is decoded. How many rows at the top of a sheet or text table are searched for the header row. What a rule line drawn under a table is made of (ASCII and box-drawing dashes, ``=``, ``_``, ``*``, ``~`` and spaces).</extracomment>
        <translation>文件中没有数据行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the first row cannot be read as {encoding}; choose the file&apos;s encoding (e.g. GB18030 for Chinese Windows exports).</source>
        <translation>无法按 {encoding} 读取首行；请选择文件的编码（例如中文 Windows 导出的文件请选择 GB18030）。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/fixed_width.py" line="+201"/>
        <location filename="../../iotfin_gui/core/ingest/readers.py" line="+23"/>
        <source>the column names are on line {line}; the {count} line(s) above them (a title, notes) were not imported.</source>
        <extracomment>Records read while looking for the header, to be yielded first: (line, row) or a Reject for a record that could not be split. The rows above the header (a title, notes), which a report repeats on each page. Every line starts with ``|`` (a table drawn with pipes): the empty field before it is no column.</extracomment>
        <translation>列名位于第 {line} 行；其上方的 {count} 行（标题、说明）未导入。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/readers.py" line="+84"/>
        <source>line {row} is not among the first {count} records of the file; it cannot be the header row.</source>
        <extracomment>The fields of a line: the columns, after the border&apos;s empty field if it has one. The line of the rule (a line of dashes) that closed the table, once one has.</extracomment>
        <translation>第 {row} 行不在文件的前 {count} 条记录之内，不能作为表头行。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>the first row cannot be read: {error}.</source>
        <translation>无法读取首行：{error}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the compressed file is damaged: {error}.</source>
        <translation>压缩文件已损坏：{error}。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/fixed_width.py" line="-14"/>
        <source>no line of column names underlined by a rule of dashes (------ ------) was found in the first {count} lines, so the columns of this fixed-width report are unknown.</source>
        <extracomment>How many lines at the top of a report are searched for the underlined column names. A rule under the column names: two or more runs of dashes (or ``=``, box-drawing lines) separated by spaces, one of them two long at least (a one-letter column has one dash). A line of dashes or the like (a rule closing a page&apos;s table). Legacy code pages whose reports are padded byte by byte (a CJK character is two bytes). Stands for the further columns a wide character takes, in a line spelled column by column.</extracomment>
        <translation>前 {count} 行中没有找到下方带有短横线分隔线（------ ------）的列名行，因此无法确定这份定宽报表的列。</translation>
    </message>
    <message>
        <location line="+54"/>
        <location filename="../../iotfin_gui/core/ingest/readers.py" line="+117"/>
        <source>a rule line, not data</source>
        <translation>分隔线，不是数据</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../iotfin_gui/core/ingest/report_lines.py" line="+119"/>
        <source>the column names again (a new page of the report), not data</source>
        <extracomment>The first filled cell of a totals row (RE2, as Arrow&apos;s regular expressions are). A note written as a label and a colon (``制表人：``, ``Printed on:``): a label starts with a letter and holds no digit, so a time (``9:05``, ``Jan 2, 2024 09:05``) is never one. The UTF-8 bytes a totals label can start with: spaces (ASCII, no-break ``C2``, ideographic ``E3``), ``g s t`` in either case and the lead bytes of 合 小 共 (``E5``), 总 (``E6``), 總 (``E7``) and 합 (``ED``). A page footer: ``第 1 页 共 3 页``, ``共3页 第1页``, ``Page 2 of 5`` anywhere in the row&apos;s first filled cell; alone in it, ``第 2 页``, ``Page 2``, ``- 2 -``. A row below the header is a second header row only if no cell of it holds a digit. The first filled cell of each repeated line (to find candidates without a loop).</extracomment>
        <translation>再次出现的列名（报表的新一页），不是数据</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../iotfin_gui/core/ingest/readers.py" line="+2"/>
        <source>below the rule on line {line} that closes the table, not data</source>
        <translation>位于第 {line} 行结束表格的分隔线之下，不是数据</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the text runs across the gap between columns {left!r} and {right!r}: the line does not line up with the columns under the header&apos;s rule</source>
        <translation>文字跨过了列 {left!r} 与 {right!r} 之间的空隙：该行与表头分隔线下的各列没有对齐</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/readers.py" line="+9"/>
        <source>expected {expected} fields, found {found}</source>
        <translation>应有 {expected} 个字段，实际为 {found} 个</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+198"/>
        <source>the compressed file is damaged or cut short: {error}.</source>
        <translation>压缩文件已损坏或不完整：{error}。</translation>
    </message>
    <message>
        <location line="-706"/>
        <source>the column names are on two lines, {line} and {next}: a name under a group was joined to the group&apos;s name, e.g. {example!r}.</source>
        <extracomment>Whole-document JSON (an array of records, a ThingsBoard export) is parsed in memory; the limit counts the document&apos;s bytes after decompression. Records nested deeper than this are set aside (flattening makes a column per leaf). SQLite&apos;s default limit on the columns of a table. Column names SQLite keeps for a table&apos;s row id: a column so named would hide it. The sheets a workbook offers (empty for other formats). A cell written as Excel&apos;s text formula ``=&quot;00123&quot;``, which bank CSVs use to keep leading zeros and long account numbers from being turned into numbers when opened in Excel.</extracomment>
        <translation>列名分两行（第 {line} 行和第 {next} 行）：分组下的列名已与分组名连在一起，例如 {example!r}。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/fixed_width.py" line="-24"/>
        <location filename="../../iotfin_gui/core/ingest/grid.py" line="+129"/>
        <location filename="../../iotfin_gui/core/ingest/readers.py" line="+606"/>
        <source>contains a NUL byte</source>
        <extracomment>The line of the rule that closed a page&apos;s table; None while rows may follow.</extracomment>
        <translation>包含 NUL 字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/ingest/grid.py" line="+1"/>
        <location filename="../../iotfin_gui/core/ingest/readers.py" line="+1"/>
        <source>contains bytes that are not valid {encoding} (is part of the file in another encoding?)</source>
        <translation>包含无效的 {encoding} 字节（文件中是否有部分内容采用了其他编码？）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/readers.py" line="+92"/>
        <source>unclosed quote: the quoted field that starts on line {line} never ends</source>
        <translation>引号未闭合：从第 {line} 行开始的带引号字段没有结束</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>malformed quoting ({error})</source>
        <translation>引号格式错误（{error}）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/workbook_guards.py" line="+118"/>
        <location filename="../../iotfin_gui/core/ingest/workbooks.py" line="+103"/>
        <source>cannot open the workbook: {error}.</source>
        <extracomment>What each piece of a part keeps of the one before, so that a cell reference or a row tag cut at its end is read whole (one read twice changes nothing). A cell reference in a column past ``T`` (sheets of at most 20 columns never pass the limit, whatever their height), and any cell reference&apos;s row. The flag of a hidden row (``fDyZero``, in the 12th byte of a BrtRowHdr) and of a hidden column (``fHidden``, in the 17th byte of a BrtColInfo). In an .xlsx sheet: the attribute that hides a row or column, the start of a row, column or AutoFilter tag, a row&apos;s number, a column span and the AutoFilter&apos;s rows. A tag is taken to be at most :data:`_TAG_LENGTH` bytes long, so that a hostile piece is scanned in linear time. A range of merged cells as python-calamine gives them: ((top, left), (bottom, right)), 0-based. Rows the file says a filter hides (an .ods says so of each row).</extracomment>
        <translation>无法打开工作簿：{error}。</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>a sheet&apos;s cells span {rows:,} rows x {columns:,} columns (its last cell is {cell}): reading it would take about {gigabytes:,.0f} GB of memory, and at most {limit:,} cells can be read. Delete the stray cells far from the table (Ctrl+End in Excel goes to the last one) or save the sheet as CSV.</source>
        <extracomment>The parts that name the sheets of an .xlsx or .xlsb: kept whole (they are small) while the workbook is checked, then read by :func:`_sheet_parts`.</extracomment>
        <translation>工作表的单元格跨越 {rows:,} 行 x {columns:,} 列（最后一个单元格为 {cell}）：读取它约需 {gigabytes:,.0f} GB 内存，而最多只能读取 {limit:,} 个单元格。请删除远离表格的零散单元格（在 Excel 中按 Ctrl+End 可跳到最后一个），或将该工作表另存为 CSV。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/grid.py" line="+31"/>
        <source>a cell on row {row} holds more than {megabytes} MB of text: this does not look like a table of data.</source>
        <translation>第 {row} 行的某个单元格含有超过 {megabytes} MB 的文字：这看起来不像数据表。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/excel_xml.py" line="+205"/>
        <source>the XML is not well-formed ({error}); export the sheet again or save it as .xlsx.</source>
        <translation>该 XML 格式不正确（{error}）；请重新导出该工作表，或另存为 .xlsx。</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../../iotfin_gui/core/ingest/workbooks.py" line="+46"/>
        <source>there is no sheet {sheet!r}; sheets: {sheets}.</source>
        <translation>不存在工作表 {sheet!r}；现有工作表：{sheets}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the XML file declares a document type or entities, which a spreadsheet never needs: refused, as entities can expand without bound.</source>
        <translation>该 XML 文件声明了文档类型或实体，而电子表格从不需要它们：已拒绝，因为实体可以无限展开。</translation>
    </message>
    <message>
        <location line="-44"/>
        <location filename="../../iotfin_gui/core/ingest/workbooks.py" line="-38"/>
        <source>the sheet is empty.</source>
        <extracomment>The largest ``ss:Index`` of a row or cell (Excel&apos;s sheet size). The cover sheets passed over, and the first one&apos;s rows (read if all are covers). While looking past cover sheets: the rows of the sheet so far, and its columns.</extracomment>
        <translation>工作表为空。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/readers.py" line="-673"/>
        <source>column {name!r} was renamed {column!r}: SQLite reserves that name for its row numbers.</source>
        <translation>列 {name!r} 已改名为 {column!r}：SQLite 把这个名字留作行号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>column {name!r} was renamed {column!r}: another column has the same name (names are compared ignoring case).</source>
        <translation>列 {name!r} 已改名为 {column!r}：另一列同名（列名比较时不区分大小写）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the file has {count:,} columns; at most {limit:,} can be imported into one dataset. Split the file or leave columns out before importing.</source>
        <translation>文件有 {count:,} 列；一个数据集最多可导入 {limit:,} 列。请先拆分文件或去掉部分列再导入。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/workbooks.py" line="-12"/>
        <source>sheet {sheet!r} is damaged ({error}): a cell holds a value that is not of its type. Open and save the workbook in Excel, or export the sheet as CSV.</source>
        <extracomment>How many hidden rows a note names (the quarantine names every one). The book this reader closes (None while :func:`kept_workbooks` keeps it).</extracomment>
        <translation>工作表 {sheet!r} 已损坏（{error}）：某个单元格的值与其类型不符。请用 Excel 打开并另存该工作簿，或把该工作表导出为 CSV。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>sheet {sheet!r} hides column(s) {columns}: they were left out, as Excel does not show them (unhide them in Excel to import them).</source>
        <translation>工作表 {sheet!r} 隐藏了列 {columns}：这些列未导入，因为 Excel 不显示它们（在 Excel 中取消隐藏后即可导入）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>is filtered out by the sheet&apos;s AutoFilter</source>
        <translation>被工作表的自动筛选隐藏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is hidden in the sheet</source>
        <translation>在工作表中被隐藏</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sheet {sheet!r} hides {count} row(s) below its header (rows {rows}; {filtered} of them filtered out by its AutoFilter): they were set aside with their row number, not imported, as Excel does not show them. Unhide them in Excel to import them.</source>
        <translation>工作表 {sheet!r} 在表头下方隐藏了 {count} 行（第 {rows} 行；其中 {filtered} 行被自动筛选隐藏）：这些行连同行号被隔离，未导入，因为 Excel 不显示它们。在 Excel 中取消隐藏后即可导入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>sheet {sheet!r} hides {count} row(s) below its header (rows {rows}; subtotals, or detail left out): they were set aside with their row number, not imported, as Excel does not show them. Unhide them in Excel to import them.</source>
        <translation>工作表 {sheet!r} 在表头下方隐藏了 {count} 行（第 {rows} 行；可能是小计，或被略去的明细）：这些行连同行号被隔离，未导入，因为 Excel 不显示它们。在 Excel 中取消隐藏后即可导入。</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>holds values only in columns the sheet hides</source>
        <translation>只在工作表隐藏的列中有值</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/excel_xml.py" line="+50"/>
        <location filename="../../iotfin_gui/core/ingest/workbooks.py" line="-130"/>
        <source>sheet {skipped} holds no table (one column of text at most); sheet {sheet!r} was read (--sheet or the dialog chooses another).</source>
        <translation>工作表 {skipped} 中没有表格（至多一列文字）；已读取工作表 {sheet!r}（可用 --sheet 或在对话框中选择其他工作表）。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/grid.py" line="-68"/>
        <source>the column names are on row {row}; the rows above them (a title, notes) were not imported.</source>
        <extracomment>The error&apos;s message when no cell is filled.</extracomment>
        <translation>列名位于第 {row} 行；其上方的行（标题、说明）未导入。</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../../iotfin_gui/core/ingest/workbooks.py" line="+56"/>
        <source>row {row} of the sheet is empty or missing; it cannot be the header row.</source>
        <translation>工作表第 {row} 行为空或不存在，不能作为表头行。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/workbooks.py" line="+17"/>
        <source>{count} cell(s) merged down over several rows (e.g. {cells}) were read with the merged value on each row, as the sheet shows it.</source>
        <translation>{count} 个单元格向下合并了多行（例如 {cells}），已按表中所见把合并的值读入每一行。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/report_lines.py" line="+3"/>
        <source>the report&apos;s heading again ({label}) on a new page, not data</source>
        <translation>新一页上再次出现的报表标题（{label}），不是数据</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>a page footer ({label}), not data</source>
        <translation>页脚（{label}），不是数据</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>a totals row ({label}), not data</source>
        <translation>合计行（{label}），不是数据</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>a note line ({label}), not data</source>
        <translation>说明行（{label}），不是数据</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/grid.py" line="+24"/>
        <location filename="../../iotfin_gui/core/ingest/workbooks.py" line="+46"/>
        <source>has {count} value(s) beyond the {width} columns</source>
        <translation>超出 {width} 列，多出 {count} 个值</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/readers.py" line="+409"/>
        <source>text before the first | of the line, where the other lines start with |: its values would be one column off</source>
        <translation>该行第一个 | 之前还有文字，而其他行都以 | 开头：它的值会错开一列</translation>
    </message>
    <message>
        <location line="+288"/>
        <source>cannot open the Parquet file: {error}.</source>
        <translation>无法打开 Parquet 文件：{error}。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>row group {group} of {groups} (rows {first:,} to {last:,}) is damaged and cannot be read ({error}); export the file again from its source.</source>
        <translation>第 {group} 个行组（共 {groups} 个，第 {first:,} 至 {last:,} 行）已损坏，无法读取（{error}）；请从数据来源重新导出该文件。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>nested more than {depth} levels deep</source>
        <translation>嵌套超过 {depth} 层</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>the file holds no records.</source>
        <translation>文件中没有记录。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>field {field!r} first appears on line/record {line}, after the first {sample} records used to find the columns; it was not imported.</source>
        <translation>字段 {field!r} 首次出现于第 {line} 行（条记录），位于用于识别列的前 {sample} 条记录之后，因此未导入。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>not valid JSON ({error})</source>
        <translation>不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the topic has no segment {segment} to take the device id from</source>
        <translation>主题中没有分段 {segment}，无法从中提取设备 ID</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>a single JSON document larger than {megabytes} MB cannot be imported; export it as JSON lines (one record per line) instead.</source>
        <translation>无法导入大于 {megabytes} MB 的单个 JSON 文档；请改为导出为 JSON lines 格式（每行一条记录）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>not valid JSON: {error}.</source>
        <translation>不是有效的 JSON：{error}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the JSON is nested too deeply to be read; records may be nested at most {depth} levels deep.</source>
        <translation>JSON 嵌套太深，无法读取；记录最多可嵌套 {depth} 层。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>expected an array of records.</source>
        <translation>应为记录数组。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>record is not a JSON object</source>
        <translation>记录不是 JSON 对象</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>expected a ThingsBoard telemetry object.</source>
        <translation>应为 ThingsBoard 遥测对象。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>expected a list of {ts, value} points</source>
        <translation>应为由 {ts, value} 数据点组成的列表</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>point {index} of {key!r} has no finite numeric ts</source>
        <translation>{key!r} 的第 {index} 个点没有有限的数值 ts</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/roles.py" line="+37"/>
        <source>device id</source>
        <extracomment>Roles only one column of a dataset can play. How each role is named on screen and in messages.</extracomment>
        <translation>设备 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timestamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cash level</source>
        <translation>现金余额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/recipes/params.py" line="+70"/>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>identifier</source>
        <translation>标识符</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>there is no column {column!r}; columns: {columns}.</source>
        <extracomment>Share of a sample&apos;s non-empty values that must fit a type for the column to get it; the rest are reported row by row when importing (a few bad values must not turn a column into text). Texts (of at most 15 digits) that read exactly as an int64 or a float64 whatever they are. How an ATM&apos;s cash level is named (:func:`name_is_cash_level`): a balance on its own, or cash (a cassette) together with a level; never a capacity or a limit. English words, Chinese parts. Fewest sample rows for a column of consecutive whole numbers to be an identifier.</extracomment>
        <translation>不存在列 {column!r}；现有列：{columns}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the decimal mark of column {column!r} must be . or , not {mark!r}.</source>
        <translation>列 {column!r} 的小数点必须是 . 或 ,，而不是 {mark!r}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown dataset kind {kind!r}; use one of {kinds}.</source>
        <translation>未知的数据集类型 {kind!r}；请使用以下之一：{kinds}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no column is selected for import.</source>
        <translation>未选择要导入的列。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>only one column can be the {role}; {columns} are.</source>
        <translation>只能有一列的角色为{role}；目前 {columns} 都是。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the name {name!r} is reserved by SQLite for its row numbers; choose another name for column {column!r}.</source>
        <translation>名称 {name!r} 被 SQLite 保留用于行号；请为列 {column!r} 另选一个名称。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>columns {first!r} and {second!r} would both be named {name!r} in the dataset (names are compared ignoring case); rename one of them.</source>
        <translation>列 {first!r} 和 {second!r} 在数据集中都会被命名为 {name!r}（名称比较时不区分大小写）；请重命名其中之一。</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>unknown type {type!r}.</source>
        <translation>未知类型 {type!r}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown role {role!r}; use one of {roles}.</source>
        <translation>未知角色 {role!r}；请使用以下之一：{roles}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>a {kind} dataset needs a {role} column; mark one with the role {key!r}.</source>
        <translation>{kind}数据集需要一个“{role}”列；请将其中一列的角色标记为 {key!r}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the timestamp column must have the type datetime.</source>
        <translation>时间戳列的类型必须为日期时间。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/timestamps.py" line="+395"/>
        <source>unknown time zone {zone!r}; use a name like Asia/Shanghai or UTC.</source>
        <extracomment>Excel&apos;s day numbers (1 = 1900-01-01, as Excel counts: from 1899-12-30), in a date column of a CSV written from a sheet whose dates lost their format. Day numbers taken for dates: 1954-10-03 to 2099-12-31, and only when every number is one. Unix time units, the pandas unit of each and the magnitudes (from, to) that mean it: seconds 1973-2286, milliseconds, microseconds and nanoseconds of the same years. Times after a ``年月日`` date: with or without a space, ``14:30`` or ``14时30分(00秒)``. ``下午3:30`` (Windows&apos; Chinese times), ``上午 09:05``: 上午/下午 are read as AM/PM before the format applies. Dates with the month&apos;s name: ``02-JAN-24`` (as Oracle writes them), ``2-Jan-2024``, ``2 January 2024``, ``Jan 2, 2024``; with Oracle&apos;s timestamps too (``02-JAN-24 09.05.00.000000 AM``). Two-digit years (``%y``) that Excel (00-29 are 20xx), Oracle (RR: 00-49) and Python (00-68) all read alike: 00-29 are 2000-2029 and 69-99 are 1969-1999. A year of 30-68 is 19xx to some and 20xx to others: refused, never guessed (Python would make ``15-MAR-55`` 2055). The prefix of a format whose values name the day of the week (``2024年1月2日 星期二``): the day is read without it, and a value whose day of the week is not its date&apos;s is refused. Dates without a day (``2024年1月``, ``2024-01``, ``Jan 2024``): the first of the month. ``2024.01`` is a month only in a column named like a date (else it is a number). The prefix of a format whose year is a Minguo (Republic of China) year, as Taiwanese banks write dates: ``113/01/02`` is 2024-01-02 (the year plus 1911), ``1130102``, ``113年1月2日`` and ``民國99年12月31日`` too. The rest of the format names the shape (for messages); each value is read by :func:`minguo_iso`, year, month and day in that order whatever its marks. A column named as holding Minguo dates: its one- and two-digit years are Minguo years. Dates written as digits alone, by length, in a column named like a time (see :func:`_compact_format`). Texts pandas&apos; format guesser is not asked about: plain numbers and long texts (no date is longer, and dateutil&apos;s time grows fast with the length). The bytes each place of ``YYYY-MM-DD HH:MM:SS`` may hold, from and to (the 11th, `` `` or ``T``, is checked apart). Seconds since 1970 of 1678-01-01 and 2262-01-01: the years every datetime unit can hold. A date written year first with other marks than ISO&apos;s (``2024/1/4``, ``2024.01.04``, ``2024年1月4日``), and what follows it.</extracomment>
        <translation>未知时区 {zone!r}；请使用 Asia/Shanghai 或 UTC 这样的名称。</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>ISO 8601</source>
        <translation>ISO 8601</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unix time in seconds</source>
        <translation>Unix 时间（秒）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unix time in milliseconds</source>
        <translation>Unix 时间（毫秒）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unix time in microseconds</source>
        <translation>Unix 时间（微秒）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unix time in nanoseconds</source>
        <translation>Unix 时间（纳秒）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel day numbers</source>
        <translation>Excel 日期序号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Minguo (ROC) years, {format}</source>
        <translation>民国纪年，{format}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{format}, with the day of the week</source>
        <translation>{format}，带星期</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unknown date format {format!r}; use dayfirst, monthfirst, iso, epoch_s, epoch_ms, epoch_us, epoch_ns, excel_serial, minguo or a pattern such as %d.%m.%Y %H:%M.</source>
        <translation>未知的日期格式 {format!r}；请使用 dayfirst、monthfirst、iso、epoch_s、epoch_ms、epoch_us、epoch_ns、excel_serial、minguo，或格式模式，例如 %d.%m.%Y %H:%M。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/validate.py" line="+145"/>
        <source>the required {role} is missing</source>
        <extracomment>Number types from narrow to wide: a column only ever widens along this order. A converted column: a pandas Series (general path), or an Arrow array already of the type the store keeps (fast path: ``string``, ``bool``, ``timestamp[s]``, ``int64`` without missing values, ``float64`` with missing values as nulls, never NaN). Source column -&gt; (the wider type it needs, the line of the first value that needs it). Which values are missing, when already known (saves ``isna`` on object columns). The wider type the column needs and the index of the first value that needs it.</extracomment>
        <translation>缺少必需的{role}</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>is not a date/time</source>
        <translation>不是日期/时间</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>is too large to be stored as a number (it would become infinity)</source>
        <extracomment>What :func:`_read_number` found: missing, a value as the column&apos;s type, a value that needs a wider type (float, text), and the problems that quarantine a row.</extracomment>
        <translation>太大，无法作为数字保存（会变成无穷大）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is too close to zero to be stored as a number (it would become 0)</source>
        <translation>太接近零，无法作为数字保存（会变成 0）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <location line="-114"/>
        <location line="+86"/>
        <source>is not a yes/no value</source>
        <extracomment>Bytes a value with white space at its start can start with: ASCII white space (with the separators 1C-1F, as ``str.strip`` takes them) and the lead bytes of U+0085, U+00A0 (``C2``), U+1680 (``E1``), U+2000-U+205F (``E2``) and U+3000 (``E3``). Bytes a value with white space at its end can end with: ASCII white space and any continuation byte (the last byte of every multi-byte character).</extracomment>
        <translation>不是有效的是/否值</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>is not a valid date/time in the column&apos;s format ({format})</source>
        <translation>不是符合该列格式（{format}）的有效日期/时间</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>does not exist or is ambiguous in time zone {zone}</source>
        <translation>在时区 {zone} 中不存在或有歧义</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/store.py" line="+64"/>
        <source>telemetry</source>
        <extracomment>How each dataset kind is named on screen and in messages.</extracomment>
        <translation>遥测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawals</source>
        <translation>取款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>registry</source>
        <translation>设备台账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>table</source>
        <translation>表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>integer</source>
        <extracomment>How each logical column type is named on screen.</extracomment>
        <translation>整数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>float</source>
        <translation>浮点数</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/params.py" line="-29"/>
        <source>include</source>
        <extracomment>Kinds of parameter; the UI picks a widget per kind. Longest list or text accepted in a parameter (a guard against hostile files). How the Preprocess panel shows the choices of ``choice``/``choices`` parameters and the aggregations; the choices themselves (what recipes store) stay these English keys.</extracomment>
        <translation>包含</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exclude</source>
        <translation>排除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>all</source>
        <translation>全部满足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any</source>
        <translation>任一满足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>drop</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>forward fill</source>
        <translation>前向填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backward fill</source>
        <translation>后向填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>interpolate in time</source>
        <translation>按时间插值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stop with an error</source>
        <translation>报错并停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>make them missing</source>
        <translation>设为缺失值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decimal number</source>
        <translation>小数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/store.py" line="+1"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hourly</source>
        <translation>每小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weekly</source>
        <translation>每周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sum</source>
        <translation>求和</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>most frequent</source>
        <translation>众数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>standard deviation</source>
        <translation>标准差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first</source>
        <translation>第一个值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last</source>
        <translation>最后一个值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>day of week</source>
        <translation>星期几</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>day of month</source>
        <translation>月内第几天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>week of year</source>
        <translation>年内第几周</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>month end</source>
        <translation>月末</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days to month end</source>
        <translation>距月末天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>payday</source>
        <translation>发薪日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days to the next holiday</source>
        <translation>距下一个节假日天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days since the last holiday</source>
        <translation>距上一个节假日天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quantiles</source>
        <translation>分位数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IQR fences</source>
        <translation>IQR 界限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>z-score</source>
        <translation>z 分数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>standard (mean 0, sd 1)</source>
        <translation>标准化（均值 0，标准差 1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>min-max (0 to 1)</source>
        <translation>最小-最大缩放（0 到 1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>robust (median, IQR)</source>
        <translation>稳健缩放（中位数，IQR）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>by time</source>
        <translation>按时间</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Step {step} ({type})</source>
        <translation>步骤 {step}（{type}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step {step}</source>
        <translation>步骤 {step}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>parameter {param!r}</source>
        <translation>参数 {param!r}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameter {param!r}</source>
        <translation>参数 {param!r}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>at {path}</source>
        <translation>位于 {path}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>must be at least {minimum:g}, not {value:g}</source>
        <translation>不能小于 {minimum:g}（当前为 {value:g}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must be at most {maximum:g}, not {value:g}</source>
        <translation>不能大于 {maximum:g}（当前为 {value:g}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>must be a column name, not {value}</source>
        <translation>必须是列名，而不是 {value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a list of column names</source>
        <translation>列名列表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must name at least one column</source>
        <translation>必须至少指定一列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>names a column twice</source>
        <translation>重复指定了同一列</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>must be one of {choices}, not {value}</source>
        <translation>必须是 {choices} 之一，而不是 {value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must list at least one choice, each once</source>
        <translation>必须至少列出一个选项，且每项只能出现一次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must be a whole number, not {value}</source>
        <translation>必须是整数，而不是 {value}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a list of whole numbers</source>
        <translation>整数列表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must list at least one number, each once</source>
        <translation>必须至少列出一个数字，且每个只能出现一次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must be a number, not {value}</source>
        <translation>必须是数字，而不是 {value}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be a finite number</source>
        <translation>必须是有限数值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>must be true or false, not {value}</source>
        <translation>必须是 true 或 false，而不是 {value}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must be a text, not {value}</source>
        <translation>必须是文本，而不是 {value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a list of texts</source>
        <translation>文本列表</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must be a date or time such as 2026-01-31, not {value!r}</source>
        <translation>必须是日期或时间（如 2026-01-31），而不是 {value!r}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>must be a date or time without a zone, not {value!r}</source>
        <translation>必须是不带时区的日期或时间，而不是 {value!r}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>a list of conditions</source>
        <translation>条件列表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>each condition must have a column, an op and (for most ops) a value</source>
        <translation>每个条件都必须包含列和运算符（op），大多数运算符还需要一个值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>op must be one of {ops}, not {value}</source>
        <translation>运算符（op）必须是 {ops} 之一，而不是 {value}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a list of values</source>
        <translation>值列表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the condition on {column!r} needs a value</source>
        <translation>针对 {column!r} 的条件需要一个值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must hold at least one condition</source>
        <translation>必须至少包含一个条件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>must map column names to an aggregation such as sum or mean</source>
        <translation>必须将列名映射到聚合方式（如 sum 或 mean）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>aggregation of {column!r} must be one of {choices}, not {value}</source>
        <translation>{column!r} 的聚合方式必须是 {choices} 之一，而不是 {value}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must map column names to their categories in order</source>
        <translation>必须将列名映射到按顺序排列的类别</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a list of categories</source>
        <translation>类别列表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the order of {column!r} must list each category once</source>
        <translation>{column!r} 的顺序中每个类别必须且只能出现一次</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>must be {what}, not {value}</source>
        <translation>必须是{what}，而不是 {value}</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>column {name!r} does not exist (columns: {known})</source>
        <translation>列 {name!r} 不存在（现有列：{known}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>column {name!r} is {kind}, but this step needs {types} values</source>
        <translation>列 {name!r} 的类型为 {kind}，但此步骤需要 {types} 类型的值</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the data has no device id column; name one or set the device id role of the dataset</source>
        <translation>数据中没有设备 ID 列；请指定一列，或设置数据集的设备 ID 角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the data has no timestamp column; name one or set the timestamp role of the dataset</source>
        <translation>数据中没有时间戳列；请指定一列，或设置数据集的时间戳角色</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/store.py" line="+1"/>
        <source>boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>datetime</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>training</source>
        <extracomment>How each kind of run is named on screen.</extracomment>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>preprocessing</source>
        <translation>预处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prediction</source>
        <translation>模型预测</translation>
    </message>
    <message>
        <location line="+251"/>
        <source>{path} is a folder, not a store file.</source>
        <extracomment>A Message when it was stored with its template (shown translated), else plain text. Column name -&gt; currency its amounts named, recorded with the dataset (set while writing).</extracomment>
        <translation>{path} 是文件夹，不是存储文件。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/forecasting.py" line="+42"/>
        <source>forecast daily series (e.g. ATM withdrawals) with intervals and backtest metrics</source>
        <translation>预测日度序列（如 ATM 取款），并给出预测区间和回测指标</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../iotfin_gui/cli/models.py" line="+37"/>
        <location filename="../../iotfin_gui/cli/recipes.py" line="+58"/>
        <source>dataset name</source>
        <translation>数据集名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>series id column (default: the device_id role)</source>
        <translation>序列 ID 列（默认：device_id 角色对应的列）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>date column (default: the timestamp role)</source>
        <translation>日期列（默认：timestamp 角色对应的列）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>value column (default: the amount role)</source>
        <translation>数值列（默认：amount 角色对应的列）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>days ahead (default 56)</source>
        <translation>预测未来的天数（默认 56）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>model, or auto to pick by rolling-origin backtest (default)</source>
        <translation>模型名称，或 auto：按滚动起点回测自动选择（默认）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>interval levels in %% (default 80,95)</source>
        <translation>预测区间的置信水平，单位 %%（默认 80,95）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>holiday calendar: auto (default: where the registry&apos;s ATMs are, else your locale&apos;s), CN, GB-ENG, US, ... or none</source>
        <translation>节假日日历：auto（默认：设备台账中 ATM 所在国家，否则按您的区域设置）、CN、GB-ENG、US……或 none</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backtest origins (default: 3, fewer when the history is short)</source>
        <translation>回测起点数（默认 3，历史较短时减少）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>what to do with two rows for one series and day (default error)</source>
        <translation>同一序列同一天有两行时的处理方式（默认 error）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>forecast table to write</source>
        <translation>要写入的预测表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>do not record the run</source>
        <translation>不记录本次运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>also write a replenishment plan</source>
        <translation>同时写出加钞计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>column with the cash left at the end of each day (default: the dataset&apos;s cash-level column)</source>
        <translation>记录每日日终剩余现金的列（默认：数据集中角色为现金余额的列）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cassette capacity for every ATM (default: the device registry)</source>
        <translation>每台 ATM 的钞箱容量（默认：取自设备台账）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>probability of not running out between visits (default 0.95)</source>
        <translation>两次加钞之间不发生现金耗尽的概率（默认 0.95）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>--out and --plan-out name the same file {path}; give two files.</source>
        <translation>--out 与 --plan-out 指向同一个文件 {path}；请给出两个不同的文件。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/store.py" line="+3"/>
        <source>{path} is not a regular file (a device, pipe or socket); a store is an ordinary file. Choose another store with --db.</source>
        <translation>{path} 不是普通文件（而是设备、管道或套接字）；数据存储是普通文件。请使用 --db 选择其他数据存储。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot create a store in {folder}: the folder is read-only.</source>
        <translation>无法在 {folder} 中创建数据存储：该文件夹为只读。</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>There is no dataset {dataset!r} in the store.</source>
        <translation>数据存储中没有数据集 {dataset!r}。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>A dataset needs a name.</source>
        <translation>数据集必须有名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A dataset named {dataset!r} already exists; choose another name.</source>
        <translation>已存在名为 {dataset!r} 的数据集，请另选名称。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dataset {dataset!r} has duplicate column names.</source>
        <translation>数据集 {dataset!r} 中有重复的列名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Roles name columns that do not exist: {columns}</source>
        <translation>角色指向了不存在的列：{columns}</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Dataset {dataset!r} has no column(s) {columns}.</source>
        <translation>数据集 {dataset!r} 中没有列 {columns}。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>A device registry needs a device_id column.</source>
        <translation>设备台账需要一个 device_id 列。</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>There is no run {run} in the store.</source>
        <translation>数据存储中没有运行 {run}。</translation>
    </message>
    <message>
        <location line="+77"/>
        <location filename="../../iotfin_gui/core/store_health.py" line="+192"/>
        <source>Cannot open the store {path}: {error}.</source>
        <translation>无法打开数据存储 {path}：{error}。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/store_health.py" line="-121"/>
        <source>Cannot read the store {path}: {error}.</source>
        <extracomment>Seconds the check on opening may take; a larger store is checked only that far. The tables every IoTFin store has from schema version 1 on. The smallest SQLite database file (one page); SQLite takes a shorter file for an empty one. How many problems a check reports at most. SQLite&apos;s extended result codes for a file whose recovery on opening a read-only connection may not run: SQLITE_READONLY_RECOVERY, _ROLLBACK and _CANTINIT (the sqlite3 module names them, and gives an error&apos;s code, from Python 3.11 on; on 3.10 such a file is refused).</extracomment>
        <translation>无法读取数据存储 {path}：{error}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot open the store {path}: {error}. The store was not changed; if its disk or folder has a problem (full, removed, read-only), fix it and try again.</source>
        <translation>无法打开数据存储 {path}：{error}。数据存储没有被修改；如果其磁盘或文件夹有问题（已满、已移除、只读），请解决后重试。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{path} is not an IoTFin store: it is not an SQLite database.</source>
        <translation>{path} 不是 IoTFin 数据存储：它不是 SQLite 数据库。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The store {path} holds a write that was cut short. SQLite rolls it back, to the last commit, when the store is next opened to work in (the window, or any command but check); do that once, then check again.</source>
        <translation>数据存储 {path} 中有一次被中断的写入。下次打开数据存储进行工作时（打开窗口，或运行除 check 外的任何命令），SQLite 会把它回滚到最后一次提交；请先这样做一次，然后再检查。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The store {path} is read-only. IoTFin writes to its store; copy the file to a writable folder or choose another store with --db.</source>
        <translation>数据存储 {path} 为只读。IoTFin 需要写入其数据存储；请将该文件复制到可写的文件夹，或使用 --db 选择其他数据存储。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The store {path} is locked by another program.</source>
        <translation>数据存储 {path} 已被其他程序锁定。</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>The store {path} is damaged ({problem}) and was not opened, so nothing more is written to it. There is no backup of it; keep a copy of the file and start a new store with --db.</source>
        <translation>数据存储 {path} 已损坏（{problem}），没有被打开，因此不会再向它写入任何内容。它没有备份；请保留该文件的副本，并用 --db 新建一个数据存储。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The store {path} is damaged ({problem}) and was not opened, so nothing more is written to it. The newest backup is {backup}: restore it with &apos;main.py restore --db {path}&apos; or File &gt; Restore.</source>
        <translation>数据存储 {path} 已损坏（{problem}），没有被打开，因此不会再向它写入任何内容。最新的备份是 {backup}：请用 &apos;main.py restore --db {path}&apos; 或“文件 &gt; 恢复”将其恢复。</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>{path} is an SQLite database of another program, not an IoTFin store.</source>
        <translation>{path} 是其他程序的 SQLite 数据库，不是 IoTFin 数据存储。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The store {path} was written by a newer IoTFin Workstation (schema {version}; this version reads up to {supported}). Update the app to open it.</source>
        <translation>数据存储 {path} 由更新版本的 IoTFin Workstation 写入（架构版本 {version}；当前版本最高支持 {supported}）。请更新本程序后再打开。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path} carries the IoTFin store mark but not an IoTFin schema (schema version {version}, {tables} tables): it was damaged or made by another program. It was not changed; restore a backup or choose another store.</source>
        <translation>{path} 带有 IoTFin 数据存储的标记，却没有 IoTFin 的表结构（结构版本 {version}，{tables} 个表）：它已损坏，或由其他程序创建。该文件未被更改；请恢复备份或选择其他数据存储。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The store {path} is locked by another program; close it and try again.</source>
        <translation>数据存储 {path} 已被其他程序锁定；请关闭该程序后重试。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/basic.py" line="+17"/>
        <source>load the simulated demo ATM fleet into the store</source>
        <translation>将模拟的演示 ATM 设备群加载到数据存储中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>simulator seed (default: the embedded demo&apos;s)</source>
        <translation>模拟器随机种子（默认：内置演示数据所用的种子）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>remove the demo data instead</source>
        <translation>改为移除演示数据</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>list the datasets</source>
        <translation>列出数据集</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>describe the store</source>
        <translation>显示数据存储概况</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The store holds no datasets. Load the demo with: iotfin demo</source>
        <translation>数据存储中没有数据集。可使用以下命令加载演示数据：iotfin demo</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/fleet.py" line="+26"/>
        <source>status of every ATM (offline, fault, low cash, ok)</source>
        <translation>每台 ATM 的状态（离线、故障、现金不足、正常）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>check time in UTC, e.g. &apos;2026-10-30 12:00&apos; (default: the latest data time)</source>
        <translation>判定状态的时间点（UTC），例如 &apos;2026-10-30 12:00&apos;（默认：最新数据时间）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Evaluating the fleet status</source>
        <translation>正在评估设备群状态</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/importing.py" line="+39"/>
        <source>import a data file as a new dataset</source>
        <translation>将数据文件导入为新数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything is detected (format, encoding, delimiter, header, decimal separator, types, kind and column roles) and can be overridden; --profile reuses saved settings, --save-profile keeps this import&apos;s. An ambiguous date column (day-first or month-first), a file imported before, or a file with nothing importable stops with exit code 2 and the store unchanged.</source>
        <translation>所有设置（格式、编码、分隔符、表头、小数点、列类型、数据集类型和列角色）均自动检测，也可手动指定；--profile 复用已保存的设置，--save-profile 保存本次导入的设置。如果日期列有歧义（无法确定日在前还是月在前）、文件此前已导入过，或文件中没有可导入的内容，则以退出代码 2 终止，数据存储保持不变。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the file to import (.csv, .tsv, .txt, .xlsx, .xls, .xlsb, .ods, .parquet, .json, .jsonl; an .xls that is an HTML table, tab-separated text or Excel 2003 XML; a fixed-width .txt/.prn/.dat report; .gz compressed too; the format is read from the bytes, not the name)</source>
        <translation>要导入的文件（.csv、.tsv、.txt、.xlsx、.xls、.xlsb、.ods、.parquet、.json、.jsonl；实为 HTML 表格、制表符分隔文本或 Excel 2003 XML 的 .xls；定宽的 .txt/.prn/.dat 报表；也可以是 .gz 压缩文件；格式根据文件内容而不是文件名判断）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dataset name (default: the file name)</source>
        <translation>数据集名称（默认：文件名）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dataset kind (default: guessed)</source>
        <translation>数据集类型（默认：自动判断）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file format (default: detected from the file&apos;s bytes)</source>
        <translation>文件格式（默认：根据文件内容检测）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>field separator (use \t for tab)</source>
        <translation>字段分隔符（制表符用 \t 表示）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>thousands separator of every number column (default: any but the decimal mark)</source>
        <translation>所有数字列的千位分隔符（默认：小数点以外的任何分隔符）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the first row holds the column names</source>
        <translation>首行为列名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the first row is data</source>
        <translation>首行为数据</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>dayfirst, monthfirst, iso, epoch_s, epoch_ms, minguo (Taiwan&apos;s ROC years: 99/12/31 is 2010-12-31) or a pattern such as %%d.%%m.%%Y %%H:%%M; also for a column given --type COLUMN=datetime</source>
        <translation>dayfirst、monthfirst、iso、epoch_s、epoch_ms、minguo（台湾的民国纪年：99/12/31 即 2010-12-31），或格式模式，例如 %%d.%%m.%%Y %%H:%%M；也适用于用 --type 列=datetime 指定的列</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>text encoding (default: detected), e.g. utf-8, gb18030, big5, shift_jis, euc_kr, utf-16, latin-1</source>
        <translation>文本编码（默认自动检测），例如 utf-8、gb18030、big5、shift_jis、euc_kr、utf-16、latin-1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>decimal mark of every number column (default: detected per column)</source>
        <translation>所有数字列的小数点符号（默认：逐列检测）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>decimal mark (. or ,) of one number column, e.g. a column of 1,234 that reads both ways</source>
        <translation>单个数值列的小数点（. 或 ,），例如两种读法都成立的 1,234 列</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>workbook sheet, by name or number from 1 (default: the first visible one)</source>
        <translation>工作簿中的工作表，按名称或从 1 开始的序号（默认：第一个可见的工作表）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>workbook row or text file line (from 1) that holds the column names (default: found past title, note and blank rows)</source>
        <translation>存放列名的工作簿行或文本文件行（从 1 起；默认：跳过标题、说明和空行后自动查找）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>read a wide table as one row per device and date (device_id, date, value): a date column and one column per ATM (devices_across), or one row per ATM and one column per date (dates_across); alone: the shape the file shows</source>
        <translation>把宽表读成每台设备每天一行（device_id、date、value）：一个日期列加每台 ATM 一列（devices_across），或每台 ATM 一行、每个日期一列（dates_across）；不带值时按文件呈现的形状</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>device id for a ThingsBoard export</source>
        <translation>ThingsBoard 导出文件的设备 ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON lines: take the device id from segment N of the topic (0 = first, -1 = last)</source>
        <translation>JSON lines：从主题（topic）的第 N 段获取设备 ID（0 = 第一段，-1 = 最后一段）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>time zone of times without an offset (default UTC), e.g. Asia/Shanghai</source>
        <translation>不带时区偏移的时间所用的时区（默认 UTC），例如 Asia/Shanghai</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rows with the same device and time (default keep_first)</source>
        <translation>设备和时间相同的行的处理方式（默认 keep_first）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>set a column&apos;s role ({roles}, or none)</source>
        <translation>设置列的角色（{roles}，或 none）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>set a column&apos;s type ({types})</source>
        <translation>设置列的类型（{types}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>leave a column out</source>
        <translation>不导入某列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>use a saved import profile</source>
        <translation>使用已保存的导入配置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>save this import&apos;s settings as a profile</source>
        <translation>将本次导入的设置保存为导入配置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import even if this exact file was imported before</source>
        <translation>即使完全相同的文件此前已导入过，也仍然导入</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{option} takes COLUMN=VALUE, not {item!r}.</source>
        <translation>{option} 的格式应为 COLUMN=VALUE，而不是 {item!r}。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/models.py" line="-2"/>
        <source>train, cross-validate and compare models on a dataset</source>
        <translation>在数据集上训练、交叉验证并比较模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>target column (default: the dataset&apos;s label role)</source>
        <translation>目标列（默认：数据集中角色为标签的列）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>preprocessing recipe NAME or NAME@VERSION</source>
        <translation>预处理方案 NAME 或 NAME@VERSION</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>comma-separated models (default: all of the task; the baseline is always added)</source>
        <translation>以逗号分隔的模型（默认：该任务的全部模型；始终加入基线）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>number of folds, or SCHEME[:FOLDS] with SCHEME one of holdout, kfold, stratified, group, time (default 5: stratified for classification, k-fold for regression)</source>
        <translation>折数，或 SCHEME[:FOLDS]，SCHEME 为 holdout、kfold、stratified、group、time 之一（默认 5：分类用分层 k 折，回归用 k 折）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>time-series CV: leave out the training rows within HOURS before each scored fold, e.g. the horizon of a label that looks ahead (default 0)</source>
        <translation>时间序列交叉验证：去掉每个评分折之前 HOURS 小时内的训练行，例如预测未来的标签所覆盖的时长（默认 0）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>repeat the CV (default 1)</source>
        <translation>交叉验证重复次数（默认 1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tune each model&apos;s default grid (scored by nested CV)</source>
        <translation>按各模型的默认网格调优（以嵌套交叉验证评分）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>folds of the search&apos;s inner CV (default %(default)s)</source>
        <translation>搜索内层交叉验证的折数（默认 %(default)s）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../iotfin_gui/core/options.py" line="+101"/>
        <source>cost of a false positive</source>
        <translation>误报的成本</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../iotfin_gui/core/options.py" line="+2"/>
        <source>cost of a false negative</source>
        <translation>漏报的成本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation (default: cost-minimising on out-of-fold predictions of an inner CV of each training fold), bayes (the cost matrix&apos;s cut-off cost_fp / (cost_fp + cost_fn)), or a probability</source>
        <translation>validation（默认：在每个训练折的内层交叉验证折外预测上使成本最低）、bayes（成本矩阵的切分点 cost_fp / (cost_fp + cost_fn)），或一个概率值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>balanced class weights</source>
        <translation>平衡的类别权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>two-class targets: the class the model flags, e.g. bad (default: the one class named like an event such as 1, true, yes, bad, default or failure, else the rarer class); the run records it</source>
        <translation>二分类目标：模型要标记的类别，例如 bad（默认：名称表示事件的那个类别，如 1、true、yes、bad、default 或 failure，否则为较少见的类别）；运行会记录该类别</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>apply a trained model (a train run) to a dataset</source>
        <translation>将已训练的模型（一次训练运行）应用于数据集</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/model_files.py" line="+26"/>
        <source>share trained models: export one to a file, import a colleague&apos;s</source>
        <translation>共享训练好的模型：导出到文件，或导入同事的模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>write a training run&apos;s model and metadata to one file</source>
        <translation>将一次训练运行的模型和元数据写入一个文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../iotfin_gui/cli/models.py" line="+3"/>
        <source>training run id</source>
        <translation>训练运行 ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file to write</source>
        <translation>要写入的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>replace the file if it exists</source>
        <translation>文件已存在时覆盖它</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>check a model file without running it and store it as a new training run</source>
        <translation>在不运行其中任何代码的情况下检查模型文件，并存为一次新的训练运行</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/models.py" line="+2"/>
        <source>dataset with the same columns</source>
        <translation>列相同的数据集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>write the predictions here</source>
        <translation>将预测结果写入此文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>also store them as a dataset</source>
        <translation>同时保存为数据集</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>list training runs with their metrics</source>
        <translation>列出训练运行及其指标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only runs on this dataset</source>
        <translation>仅显示此数据集上的运行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--cv: unknown scheme {scheme!r}; use a number or one of {schemes}.</source>
        <translation>--cv：未知的交叉验证方式 {scheme!r}；请使用数字或以下之一：{schemes}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--cv: {folds!r} is not a number of folds.</source>
        <translation>--cv：{folds!r} 不是有效的折数。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--threshold must be validation, bayes or a probability.</source>
        <translation>--threshold 必须为 validation、bayes 或一个概率值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--threshold must lie between 0 and 1.</source>
        <translation>--threshold 必须介于 0 和 1 之间。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--models names no model; leave it out to train every model of the task.</source>
        <translation>--models 没有给出任何模型；若要训练该任务的全部模型，请省略此选项。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Give --out FILE.csv, --save-as NAME, or both.</source>
        <translation>请指定 --out FILE.csv 或 --save-as NAME，也可同时指定。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/recipes.py" line="-32"/>
        <source>preprocessing recipes: list, show, import, export, apply</source>
        <translation>预处理方案：list、show、import、export、apply</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>version (default: the latest)</source>
        <translation>版本（默认：最新版本）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>list the stored recipes</source>
        <translation>列出已存储的方案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>print a recipe as JSON</source>
        <translation>以 JSON 格式输出方案</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>store a recipe file (a new version if the name exists)</source>
        <translation>存储方案文件（若名称已存在，则存为新版本）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>write a recipe to a file</source>
        <translation>将方案写入文件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>run a recipe on a dataset</source>
        <translation>在数据集上运行方案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>save the result as a new dataset</source>
        <translation>将结果保存为新数据集</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>list the step types</source>
        <translation>列出步骤类型</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/reporting.py" line="+32"/>
        <source>export a table as CSV (Excel-friendly, masked, safe)</source>
        <translation>将表导出为 CSV（兼容 Excel、已脱敏、安全）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>table to export (see --list)</source>
        <translation>要导出的表（见 --list）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>list the exportable tables</source>
        <translation>列出可导出的表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file to write</source>
        <translation>要写入的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dataset name (dataset, quarantine)</source>
        <translation>数据集名称（用于 dataset、quarantine 表）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>run id (forecast, run_metrics, replenishment_plan)</source>
        <translation>运行 ID（用于 forecast、run_metrics、replenishment_plan 表）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>import id (quarantine)</source>
        <translation>导入 ID（用于 quarantine 表）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fleet status time (default: latest data)</source>
        <translation>设备群状态时间（默认：最新数据时间）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only show which columns hold personal data, why, and what the export would do with each; write nothing</source>
        <translation>只显示哪些列含有个人数据、原因，以及导出时对每一列的处理方式；不写入任何文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>write a run&apos;s report folder: CSVs and a summary</source>
        <translation>写入运行的报告文件夹：CSV 文件和摘要</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>run id</source>
        <translation>运行 ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>folder to create</source>
        <translation>要创建的文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>also write DIR.zip</source>
        <translation>同时写入 DIR.zip</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>also mask these columns</source>
        <translation>另外对这些列脱敏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>replace these columns by a salted HMAC-SHA256</source>
        <translation>用加盐的 HMAC-SHA256 替换这些列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>leave these columns as they are (not masked, not scanned)</source>
        <translation>保留这些列的原样（不脱敏，也不扫描）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>do not mask detected personal columns and card numbers</source>
        <translation>不对检测到的个人信息列和卡号脱敏</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>utf-8-sig (with BOM, for Excel; default) or utf-8</source>
        <translation>utf-8-sig（带 BOM，适用于 Excel；默认）或 utf-8</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>one of , ; | tab (default ,)</source>
        <translation>可选 , ; | tab（默认 ,）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/forecasting.py" line="-29"/>
        <location filename="../../iotfin_gui/cli/models.py" line="-67"/>
        <location filename="../../iotfin_gui/cli/planning.py" line="+71"/>
        <location filename="../../iotfin_gui/cli/recipes.py" line="-13"/>
        <location filename="../../iotfin_gui/cli/reporting.py" line="+2"/>
        <location filename="../../iotfin_gui/cli/routes.py" line="+42"/>
        <source>overwrite an existing output</source>
        <translation>覆盖已有的输出</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/reporting.py" line="+34"/>
        <source>name the table to export (see: iotfin export --list)</source>
        <translation>请指定要导出的表（参见：iotfin export --list）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give the file to write with --out FILE.csv</source>
        <translation>请用 --out FILE.csv 指定要写入的文件</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/demo/loader.py" line="+26"/>
        <source>Demo data: simulated ATM registry (not real machines).</source>
        <extracomment>The demo fleet&apos;s amounts are yuan: recorded in their columns&apos; metadata, shown as ¥ / CNY. dataset name -&gt; (kind, roles, note); the note is stored in English and shown translated.</extracomment>
        <translation>演示数据：模拟的 ATM 设备台账（并非真实机器）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Demo data: simulated daily cash withdrawals in CNY (local calendar days).</source>
        <translation>演示数据：模拟的每日现金取款额，单位为人民币（按当地自然日）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Demo data: simulated hourly telemetry (UTC; source zone {zone}).</source>
        <translation>演示数据：模拟的每小时遥测数据（UTC；源时区 {zone}）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Demo data: simulated faults, recoveries, refills, cash-outs (UTC; source zone {zone}).</source>
        <translation>演示数据：模拟的故障、恢复、加钞和现金耗尽事件（UTC；源时区 {zone}）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Demo data: simulated credit applications; names and phones are fake.</source>
        <translation>演示数据：模拟的信贷申请；姓名和电话均为虚构。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The store already holds the demo data; remove it first to reload.</source>
        <translation>数据存储中已有演示数据；如需重新加载，请先将其移除。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Datasets named {names} already exist; rename them to load the demo.</source>
        <translation>已存在名为 {names} 的数据集；请先将其重命名，再加载演示数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Simulating the demo ATM fleet</source>
        <translation>正在模拟演示 ATM 设备群</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Writing {dataset}</source>
        <translation>正在写入 {dataset}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Demo fleet loaded</source>
        <translation>演示设备群已加载</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/fleet/history.py" line="+57"/>
        <source>The history period must end after it starts.</source>
        <translation>历史时段的结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>There is no ATM {device!r} in the fleet data or registry.</source>
        <translation>设备群数据和设备台账中均没有 ATM {device!r}。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/fleet/panel_data.py" line="+72"/>
        <location line="+24"/>
        <location filename="../../iotfin_gui/core/fleet/status.py" line="+153"/>
        <source>Reading the fleet data</source>
        <extracomment>How long one :func:`.status.status_at` on this data took (best of two), in milliseconds.
----------
The window data last read by this worker process: (key, data).</extracomment>
        <translation>正在读取设备群数据</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Fleet data ready</source>
        <translation>设备群数据已就绪</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Reading the history of {device}</source>
        <translation>正在读取 {device} 的历史数据</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>History ready</source>
        <translation>历史数据已就绪</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/fleet/rules.py" line="+31"/>
        <source>Offline</source>
        <extracomment>Statuses, in the default order of precedence; ``ok`` is what remains. ``cash_out`` is the low-cash status of an ATM whose cash now is zero (it takes low cash&apos;s place in precedence). How each status reads on screen (the keys above are what tables and JSON hold).</extracomment>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash out</source>
        <translation>现金耗尽</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low cash</source>
        <translation>现金不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OK (online)</source>
        <translation>正常（在线）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The components to ignore</source>
        <translation>要忽略的部件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The precedence</source>
        <translation>状态优先顺序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The offline limit (minutes)</source>
        <translation>离线时限（分钟）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The low-cash amount</source>
        <translation>现金不足金额阈值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The low-cash days of demand</source>
        <translation>现金不足需求天数阈值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The low-cash percentage</source>
        <translation>现金不足百分比阈值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The low-cash percentage must be at most 100, not {value!r}</source>
        <translation>现金不足百分比阈值不能大于 100（当前为 {value!r}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The demand window must be a whole number of days from 1 to 366, not {value!r}</source>
        <translation>需求统计窗口必须为 1 到 366 之间的整数天（当前为 {value!r}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The look-back (days)</source>
        <translation>回溯期（天）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The look-back must be longer than the offline limit</source>
        <translation>回溯期必须长于离线时限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The precedence must order exactly {statuses}, not {given}</source>
        <translation>状态优先顺序必须恰好包含 {statuses}（当前为 {given}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The fleet rules must be a mapping of rule names to values</source>
        <translation>设备群规则必须是规则名称到取值的映射</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown fleet rule(s): {unknown}; known: {known}</source>
        <translation>未知的设备群规则：{unknown}；可用规则：{known}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{percent:g}% of the cassette capacity</source>
        <translation>钞箱容量的 {percent:g}%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{days:g} day(s) of expected demand (mean daily withdrawals of the last {window} complete days)</source>
        <translation>{days:g} 天的预期需求量（最近 {window} 个完整日的日均取款额）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Offline when the ATM sent no telemetry (heartbeat) for more than {duration} before the check time.</source>
        <translation>在检查时刻之前超过 {duration} 未收到 ATM 的遥测（心跳）时，判为离线。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fault while a fault event (ignoring {components}) has no later recovery of the same component.</source>
        <translation>存在故障事件（不含 {components}）且同一部件此后尚未恢复时，判为故障。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fault while a fault event has no later recovery of the same component.</source>
        <translation>存在故障事件且同一部件此后尚未恢复时，判为故障。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Low cash when the last known cash level is below {thresholds}.</source>
        <translation>最近已知的现金余额低于{thresholds}时，判为现金不足。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../iotfin_gui/core/reports/registry.py" line="+111"/>
        <source>{first} or {second}</source>
        <translation>{first}或{second}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Low cash is not checked (no threshold set).</source>
        <translation>不检查现金不足（未设置阈值）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{first}, then {second}</source>
        <translation>{first}，其次{second}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash out when the last known cash level is 0 (whatever the thresholds).</source>
        <translation>最近已知现金余额为 0 时为现金耗尽（不论阈值如何）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OK when none of the above holds. When several hold, the status is the first of: {order}; all are listed as reasons. Readings older than {days:g} days are not used.</source>
        <translation>以上条件均不成立时，判为正常。多个条件同时成立时，状态按以下顺序取第一个成立者：{order}；所有成立的条件均列为原因。早于 {days:g} 天的读数不予使用。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The fleet rules saved in the store are invalid ({reason}); save new rules to replace them.</source>
        <translation>数据存储中保存的设备群规则无效（{reason}）；请保存新规则以替换。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{what} must be a list of names, not {value!r}</source>
        <translation>{what}必须是名称列表（当前为 {value!r}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{what} must be a positive number, not {value!r}</source>
        <translation>{what}必须为正数（当前为 {value!r}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{hours} hours</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{minutes:g} minutes</source>
        <translation>{minutes:g} 分钟</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/fleet/sources.py" line="+81"/>
        <source>Unknown fleet column key(s) {unknown}; use one of {known}</source>
        <extracomment>The owner of the fleet&apos;s choice in :mod:`iotfin_gui.core.source_choice`. kind -&gt; field -&gt; (role, conventional names, required)</extracomment>
        <translation>未知的设备群列键：{unknown}；请使用以下之一：{known}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} must be a non-empty list of event types</source>
        <translation>{name} 必须是非空的事件类型列表</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Unknown fleet source setting(s): {unknown}</source>
        <translation>未知的设备群数据源设置：{unknown}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Unknown fleet data kind {kind!r}; use one of {known}.</source>
        <translation>未知的设备群数据类别 {kind!r}；请使用 {known} 之一。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no {kind} dataset {dataset!r} in the store.</source>
        <translation>存储中没有 {kind} 数据集 {dataset!r}。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The fleet view needs telemetry, events or withdrawals data, and the store holds none. Load the demo fleet or import your ATMs&apos; data first.</source>
        <translation>设备群视图需要遥测、事件或取款数据，但数据存储中没有此类数据。请先加载演示设备群，或导入您的 ATM 数据。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Dataset {dataset!r} has no column {column!r} (chosen for {key}); its columns are {columns}.</source>
        <translation>数据集 {dataset!r} 中没有列 {column!r}（被指定用作 {key}）；其现有列为：{columns}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Dataset {dataset!r} has no column with the role {role!r}, which the fleet view needs. Give a column that role, or choose it as {key!r} in the fleet data sources. Its columns are {columns}.</source>
        <translation>数据集 {dataset!r} 中没有角色为 {role!r} 的列，而设备群视图需要该列。请为某一列指定该角色，或在设备群数据源中将其选为 {key!r}。其现有列为：{columns}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>time</source>
        <extracomment>What :func:`parse_time` may be reading, as its messages name it.</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>end</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as-of time</source>
        <translation>截至时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timeline start</source>
        <translation>时间线开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timeline end</source>
        <translation>时间线结束时间</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot read the {what} {value!r}; write it as YYYY-MM-DD HH:MM (UTC).</source>
        <translation>无法识别{what} {value!r}；请按 YYYY-MM-DD HH:MM（UTC）格式填写。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The {what} is empty; write it as YYYY-MM-DD HH:MM (UTC).</source>
        <translation>{what}为空；请按 YYYY-MM-DD HH:MM（UTC）格式填写。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The {what} {value!r} is out of range; write a date between 1678 and 2261.</source>
        <translation>{what} {value!r} 超出范围；请写 1678 年到 2261 年之间的日期。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The fleet data sets hold no rows with a time.</source>
        <translation>设备群数据集中没有带时间的行。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>The column {column!r} of dataset {dataset!r} holds no readable times; import it with a datetime type.</source>
        <translation>数据集 {dataset!r} 的列 {column!r} 中没有可识别的时间；请以日期时间类型导入该列。</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Telemetry {dataset!r} has no cash level column.</source>
        <translation>遥测数据集 {dataset!r} 中没有现金余额列。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Offline is not checked: no telemetry dataset.</source>
        <translation>不检查离线：没有遥测数据集。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Faults are not checked: no events dataset.</source>
        <translation>不检查故障：没有事件数据集。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Demand is unknown: no withdrawals dataset.</source>
        <translation>需求量未知：没有取款数据集。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/fleet/status.py" line="+3"/>
        <source>Fleet status ready</source>
        <translation>设备群状态已就绪</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>offline: no telemetry in the {days:g} days before {check}</source>
        <translation>离线：{check} 之前 {days:g} 天内无遥测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>offline: last telemetry {seen}, {hours:.1f} h before the check at {check} (limit {limit:g} h)</source>
        <translation>离线：最近遥测时间 {seen}，距 {check} 的检查已过 {hours:.1f} h（时限 {limit:g} h）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fault: {components} open since {since}</source>
        <translation>故障：{components} 自 {since} 起未恢复</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>ok at {check}</source>
        <extracomment>The reasons&apos; sentences (made once: a step writes thousands of reasons).</extracomment>
        <translation>{check} 时正常</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cash out: no cash left</source>
        <translation>现金耗尽：已无现金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the minimum {amount:,.0f}</source>
        <translation>最低金额 {amount:,.0f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{percent:g}% of capacity {capacity:,.0f}</source>
        <translation>容量 {capacity:,.0f} 的 {percent:g}%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{days:g} day(s) of demand ({demand:,.0f}/day)</source>
        <translation>{days:g} 天需求量（{demand:,.0f}/天）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>low cash: {cash:,.0f} left</source>
        <translation>现金不足：剩余 {cash:,.0f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>low cash: {cash:,.0f} left, below {limits}</source>
        <translation>现金不足：剩余 {cash:,.0f}，低于{limits}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{first} and {second}</source>
        <translation>{first}和{second}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/fleet/timeline.py" line="+45"/>
        <source>The timeline must end after it starts.</source>
        <extracomment>Largest (ATMs x grid times) evaluated at once; beyond it, ask for a coarser step.</extracomment>
        <translation>时间线的结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot use the step {step!r}; write it like 1h, 30min or 1D.</source>
        <translation>无法使用间隔 {step!r}；请按 1h、30min 或 1D 这样的格式填写。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The timeline would hold {cells:,} cells; choose a shorter period or a coarser step.</source>
        <translation>时间线将包含 {cells:,} 个单元格；请选择更短的时段或更大的间隔。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/backtest.py" line="+38"/>
        <source>Seasonal naive</source>
        <extracomment>The ensemble averages these members&apos; forecasts. How each model reads on screen (the names above are what runs and JSON hold).</extracomment>
        <translation>季节性朴素法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekday profile</source>
        <translation>星期模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ETS (exponential smoothing)</source>
        <translation>ETS（指数平滑）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theta</source>
        <translation>Theta 法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient boosting (all ATMs)</source>
        <translation>梯度提升（全部 ATM）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ensemble (boosting and weekday profile)</source>
        <translation>集成（梯度提升与星期模式）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Fitting {model}</source>
        <extracomment>Days of history a backtest origin needs before it. Backtest origins when none are asked for (fewer when the history is short).</extracomment>
        <translation>正在拟合 {model}</translation>
    </message>
    <message>
        <location line="+117"/>
        <location filename="../../iotfin_gui/core/forecast/partition.py" line="+98"/>
        <source>Fitting on all the data</source>
        <translation>正在用全部数据拟合</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/forecast/partition.py" line="+1"/>
        <source>Backtest origin {origin} of {origins}</source>
        <translation>回测起点 {origin}/{origins}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/calendar.py" line="+133"/>
        <location filename="../../iotfin_gui/core/recipes/steps/features.py" line="+114"/>
        <source>unknown holiday calendar {country!r}; use a country code such as CN, US or GB-ENG</source>
        <extracomment>Days either side of a holiday that know which holiday is near (:func:`holiday_identity`).
----------
Our names for :func:`calendar_features`&apos; keys.</extracomment>
        <translation>未知的节假日日历 {country!r}；请使用国家/地区代码，例如 CN、US 或 GB-ENG</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>Demand dips on {count} day(s) and no holiday calendar is set; the {best} calendar knows {known} of them (e.g. {example}): choose it.</source>
        <extracomment>Calendars offered when the data&apos;s own dips suggest another one. A day whose fleet demand is below this share of its weekday&apos;s usual level is a dip. Locales whose holidays the forecast takes when the registry does not say where the ATMs are. Rough boxes (south, north, west, east) of where the ATMs are, from the registry&apos;s coordinates.</extracomment>
        <translation>有 {count} 天需求明显下降，但未设置节假日日历；{best} 日历包含其中 {known} 天（例如 {example}）：请选择该日历。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Demand dips on {count} day(s); the {calendar} holiday calendar knows {own} of them, the {best} calendar {known}: choose {best} if the ATMs are there.</source>
        <translation>有 {count} 天需求明显下降；{calendar} 节假日日历包含其中 {own} 天，{best} 日历包含 {known} 天：如果 ATM 位于该地，请选择 {best}。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/cashout.py" line="+30"/>
        <location filename="../../iotfin_gui/core/forecast/service.py" line="+329"/>
        <source>The service level must be between 0.5 and 1 (e.g. 0.95), not {value!r}.</source>
        <translation>服务水平必须介于 0.5 和 1 之间（例如 0.95），当前为 {value!r}。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Negative cash level for series {series!r}.</source>
        <translation>序列 {series!r} 的现金余额为负数。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/data.py" line="+86"/>
        <location filename="../../iotfin_gui/core/forecast/service.py" line="+91"/>
        <source>series id</source>
        <extracomment>Where the rows came from (a stored dataset&apos;s files), so that a cluster worker can read them itself instead of receiving ``values`` (see :mod:`.stored`); None for a table.</extracomment>
        <translation>序列 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/forecast/service.py" line="+0"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/forecast/service.py" line="+1"/>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the table has no {role} column (columns: {columns})</source>
        <translation>表中没有{role}列（现有列：{columns}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the table has no rows to forecast</source>
        <translation>表中没有可预测的行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{rows} row(s) have no series id</source>
        <translation>有 {rows} 行缺少序列 ID</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>series {series!r} has no recorded values</source>
        <translation>序列 {series!r} 没有任何记录值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>series {series!r} has only {count} recorded day(s); forecasting needs at least {needed}</source>
        <translation>序列 {series!r} 仅有 {count} 天的记录；预测至少需要 {needed} 天</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>series {series!r} ends on {end}, before the forecast origin {origin}; its last {days} day(s) count as missing</source>
        <translation>序列 {series!r} 的数据截至 {end}，早于预测起点 {origin}；末尾 {days} 天按缺失值处理</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>cannot read {value!r} as a date</source>
        <translation>无法将 {value!r} 识别为日期</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{rows} row(s) have no date</source>
        <translation>有 {rows} 行缺少日期</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the value column holds true/false values, not amounts</source>
        <translation>数值列中是 true/false 值，而不是金额</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/cashplan/routes.py" line="+215"/>
        <location filename="../../iotfin_gui/core/forecast/data.py" line="+8"/>
        <source>cannot read {value!r} as a number</source>
        <translation>无法将 {value!r} 识别为数字</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/data.py" line="+5"/>
        <source>infinite value</source>
        <translation>无穷大值</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>series {series!r} has more than one row for {date} ({count} rows share a series and date); aggregate them first or choose a rule for duplicates (sum, mean, last)</source>
        <translation>序列 {series!r} 在 {date} 有多行（{count} 行的序列和日期相同）；请先进行聚合，或选择重复值的处理规则（sum、mean、last）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/metrics.py" line="+21"/>
        <source>sMAPE (%)</source>
        <extracomment>How the backtest scores read on screen (the keys are what results, runs and JSON hold).</extracomment>
        <translation>sMAPE（%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MASE</source>
        <translation>MASE</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/models/metrics.py" line="+41"/>
        <source>MAE</source>
        <translation>MAE</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/models/metrics.py" line="-1"/>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds</source>
        <translation>耗时（秒）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{level}% interval coverage</source>
        <translation>{level}% 区间覆盖率</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/outlook.py" line="+194"/>
        <location filename="../../iotfin_gui/core/forecast/service.py" line="+38"/>
        <source>Saving the forecast</source>
        <translation>正在保存预测</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>{dataset} has no cash-level column, so days to cash-out are not known.</source>
        <translation>{dataset} 中没有现金余额列，因此无法得出距现金耗尽天数。</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>The stored forecast run has no calibration at {probability:.0%}; run the forecast again at that service level.</source>
        <extracomment>The order of the backtest scores as :func:`forecast` reports them. Columns of ``ForecastResult.backtest`` (empty in a reopened outlook).</extracomment>
        <translation>已保存的预测运行没有 {probability:.0%} 的校准数据；请按该服务水平重新运行预测。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Days to cash-out and refill plan</source>
        <translation>正在计算距现金耗尽天数和加钞计划</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+153"/>
        <source>Outlook ready</source>
        <translation>现金展望已就绪</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/planning.py" line="-31"/>
        <source>plan ATM visits and fill-to amounts from today&apos;s cash and a stored forecast</source>
        <translation>根据今日现金和已保存的预测规划 ATM 上门日期和加钞目标金额</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>plan from this dataset&apos;s newest forecast run</source>
        <translation>使用该数据集最新的预测运行进行规划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plan from this forecast run</source>
        <translation>使用此预测运行进行规划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>route settings (visit days, CIT holidays, lead time, costs, ...); default: those saved in the store</source>
        <translation>线路设置（上门日、押运停运日、提前期、成本……）；默认：存储库中保存的设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>keep the --routes settings in the store</source>
        <translation>将 --routes 设置保存到存储库</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>probability that a fill covers the demand until the next visit (default 0.95)</source>
        <translation>加钞金额覆盖至下次上门前需求的概率（默认 0.95）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cassette capacity for ATMs whose route sets none (default: the device registry)</source>
        <translation>线路未设置容量的 ATM 所用钞箱容量（默认：设备台账）</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>cash now per ATM (columns series_id or atm, and cash); default: the latest readings in the store, as Fleet, Forecast and the window&apos;s plan read them</source>
        <translation>每台 ATM 的当前现金（列 series_id 或 atm，以及 cash）；默认：存储库中的最新读数，与设备群、预测和窗口中的计划所读取的相同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the day to plan from (default: the day of the newest cash reading, not before the forecast&apos;s first day, as the window plans)</source>
        <translation>规划起始日（默认：最新现金读数所在的日子，不早于预测首日，与窗口中的规划相同）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>public holidays on which visits cost the surcharge: run (the forecast&apos;s calendar, as the window plans; default), CN, GB-ENG, ... or none</source>
        <translation>上门需加收附加费的公共节假日：run（预测运行的日历，与窗口中的规划相同；默认）、CN、GB-ENG……或 none</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>plan to write</source>
        <translation>要写入的计划</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/routes.py" line="-13"/>
        <source>the cash plan&apos;s route settings: show, import, export</source>
        <translation>现金计划的线路设置：显示、导入、导出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>list the stored route settings</source>
        <translation>列出已保存的线路设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>replace the stored route settings with a route CSV</source>
        <translation>用线路 CSV 替换已保存的线路设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>write the stored route settings as a route CSV</source>
        <translation>把已保存的线路设置写成线路 CSV</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/planning.py" line="+12"/>
        <source>cannot read the cash file: {reason}</source>
        <translation>无法读取现金文件：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the cash file needs the columns series_id (or atm) and cash</source>
        <translation>现金文件需要 series_id（或 atm）和 cash 列</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{value!r} is not a cash amount</source>
        <translation>{value!r} 不是现金金额</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ATM {atm!r} is listed twice</source>
        <translation>ATM {atm!r} 出现了两次</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--today {value!r} is not a date (write 2026-11-02)</source>
        <translation>--today {value!r} 不是日期（请写作 2026-11-02）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Dataset {dataset!r} has no forecast run; run the forecast first.</source>
        <translation>数据集 {dataset!r} 没有预测运行；请先运行预测。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/cashplan/jobs.py" line="+163"/>
        <location filename="../../iotfin_gui/core/forecast/outlook.py" line="-70"/>
        <source>Reading forecast run {run}</source>
        <translation>正在读取预测运行 {run}</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Planning visits</source>
        <translation>正在规划上门</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/cashplan/replan.py" line="+41"/>
        <source>at risk before the first possible visit</source>
        <translation>最早可上门日之前有缺钞风险</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>capacity too small for the demand until the next possible visit at the service level: filled to capacity</source>
        <translation>按服务水平计，钞箱容量不足以覆盖至下次可上门日的需求：已加满</translation>
    </message>
    <message>
        <location line="+34"/>
        <location filename="../../iotfin_gui/core/forecast/outlook.py" line="+3"/>
        <source>Run {run} is not a forecast run.</source>
        <translation>运行 {run} 不是预测运行。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Forecast run {run} was recorded without the scenarios a plan needs; run the forecast again.</source>
        <translation>预测运行 {run} 保存时未包含规划所需的情景；请重新运行预测。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The forecast ends on {end}; it cannot plan from {today}. Run the forecast again.</source>
        <translation>预测截止于 {end}，无法从 {today} 开始规划。请重新运行预测。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No cash level for {count} ATM(s) (e.g. {example}).</source>
        <translation>{count} 台 ATM 没有现金余额（例如 {example}）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ATM {atm!r} has a negative cash level.</source>
        <translation>ATM {atm!r} 的现金余额为负数。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/outlook.py" line="+3"/>
        <source>The dataset of forecast run {run} was deleted; its outlook cannot be shown.</source>
        <translation>预测运行 {run} 的数据集已被删除，无法显示其现金展望。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dataset {dataset!r} no longer has the column {column!r} that forecast run {run} used.</source>
        <translation>数据集 {dataset!r} 中已没有预测运行 {run} 所用的列 {column!r}。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/cashplan/replan.py" line="-58"/>
        <location filename="../../iotfin_gui/core/forecast/outlook.py" line="+6"/>
        <source>Forecast run {run} has no stored forecast.</source>
        <translation>预测运行 {run} 没有已保存的预测。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/outlook.py" line="+14"/>
        <source>Forecast run {run} was recorded without its cash-out calibration, so days to cash-out and the refill plan cannot be rebuilt; run the forecast again for them.</source>
        <translation>预测运行 {run} 保存时未包含现金耗尽校准数据，因此无法重建距现金耗尽天数和加钞计划；如需这些结果，请重新运行预测。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{dataset} changed since forecast run {run}: history and cash levels are today&apos;s, the forecast is the run&apos;s.</source>
        <translation>自预测运行 {run} 以来 {dataset} 已有变化：历史数据和现金余额为当前数据，预测仍为该运行的结果。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/service.py" line="-341"/>
        <source>The horizon must be a whole number of days from 1 to {maximum}, not {value!r}.</source>
        <translation>预测期必须为 1 到 {maximum} 之间的整数天（当前为 {value!r}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown model {model!r}; choose auto or one of {models}.</source>
        <translation>未知模型 {model!r}；请选择 auto 或以下之一：{models}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>An interval level must be a whole percentage between 1 and 99, not {value!r}.</source>
        <translation>区间水平必须是 1 到 99 之间的整数百分比（当前为 {value!r}）。</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+285"/>
        <source>Preparing series</source>
        <translation>正在准备序列</translation>
    </message>
    <message>
        <location line="-241"/>
        <source>Fitting {model} on all the data</source>
        <translation>正在用全部数据拟合 {model}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Forecast ready</source>
        <translation>预测已完成</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>Forecast {horizon} days ({model})</source>
        <translation>{horizon} 天预测（{model}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forecast {horizon} days ({model}) of {dataset}</source>
        <translation>{dataset} 的 {horizon} 天预测（{model}）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Dataset {dataset!r} has no {role} column role; name the column (--{option}-col).</source>
        <translation>数据集 {dataset!r} 中没有角色为{role}的列；请用 --{option}-col 指定列名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dataset {dataset!r} has no column {column!r}</source>
        <translation>数据集 {dataset!r} 中没有列 {column!r}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Forecast saved</source>
        <translation>预测已保存</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot read interval levels from {text!r}; write e.g. 80,95.</source>
        <translation>无法从 {text!r} 中识别区间水平；请按 80,95 这样的格式填写。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/importer.py" line="+87"/>
        <source>#{id} on {time}</source>
        <extracomment>Rows per chunk: a row group of the parts (fewer, larger Arrow calls on the fast path). Kinds whose rows are one reading per device and moment, so a repeated (device, time) is a duplicate; a table (e.g. a bank statement) may hold many rows of one date.</extracomment>
        <translation>{time} 导入的 #{id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file {file}: this exact file was already imported ({imports}). Import it again only on purpose (--allow-duplicate-file).</source>
        <translation>文件 {file}：完全相同的文件此前已导入过（{imports}）。如确需再次导入，请使用 --allow-duplicate-file。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{column!r} reads as any of {formats}</source>
        <translation>{column!r} 可解读为 {formats} 中的任意一种</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the date format is ambiguous ({detail}). Say which with --date-format dayfirst or --date-format monthfirst (or give the format, e.g. %d/%m/%Y).</source>
        <translation>日期格式有歧义（{detail}）。请用 --date-format dayfirst 或 --date-format monthfirst 指明（或直接给出格式，例如 %d/%m/%Y）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the number format is ambiguous in {columns}: 1,234 can be a thousand and more, or one and a fraction. Say which with --decimal . or --decimal , (or --thousands), or for one column with --column-decimal COLUMN=. or COLUMN=,.</source>
        <translation>{columns} 中的数字格式有歧义：1,234 可能是一千多，也可能是一点几。请用 --decimal . 或 --decimal ,（或 --thousands）指明，或用 --column-decimal 列名=. 或 列名=, 为单个列指明。</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>unknown duplicates policy {policy!r}; use one of {policies}.</source>
        <extracomment>The worksheets of a workbook (empty for other formats). Number columns whose decimal mark the user must choose -&gt; the marks that read them. Number columns -&gt; the less common ways they write numbers (CR/DR, 万/亿, Arabic digits). The wide shape the table has (a column per device or per date), which the import can unpivot when asked (``unpivot``); None when it is not wide or already unpivoted.</extracomment>
        <translation>未知的重复行处理策略 {policy!r}；请使用以下之一：{policies}。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Duplicates found; reading the file again without them</source>
        <translation>发现重复行；正在重新读取文件并排除重复行</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Could not write to the store {path}: {error}. Nothing was imported; the store is as it was.</source>
        <translation>无法写入数据存储 {path}：{error}。未导入任何数据，数据存储保持不变。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not write to the store {path}: the disk is full ({error}). Nothing was imported; the store is as it was.</source>
        <translation>无法写入存储 {path}：磁盘已满（{error}）。未导入任何内容；存储保持原样。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the text looks garbled when read as {encoding} (detection is {confidence:.0%} sure); nothing is imported until the encoding is chosen (e.g. --encoding big5, shift_jis, euc_kr or gb18030).</source>
        <translation>按 {encoding} 读取时文本像是乱码（检测把握为 {confidence:.0%}）；选定编码之前不会导入任何数据（例如 --encoding big5、shift_jis、euc_kr 或 gb18030）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>A column needs a wider type; reading the file again</source>
        <translation>有一列需要更宽的类型，正在重新读取文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reading {file}</source>
        <translation>正在读取 {file}</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>an import profile needs a name.</source>
        <translation>导入配置需要名称。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>there is no import profile {profile!r}; saved profiles: {profiles}.</source>
        <translation>不存在导入配置 {profile!r}；已保存的导入配置：{profiles}。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>the amounts are in {one} (line {line}) and in {other} (line {other_line}); one number column cannot hold both, as its totals would add them up. Split the file by currency, or import the column as text.</source>
        <extracomment>The digits of a number text (with its separators), replaced by one ``0`` to give its shape: ``¥1,234.50`` and ``¥7.00`` are both ``¥0``, so a column&apos;s currencies are read from its few shapes rather than from every value.</extracomment>
        <translation>金额的币种既有 {one}（第 {line} 行）又有 {other}（第 {other_line} 行）；一个数值列不能同时包含两种币种，否则合计会把它们相加。请按币种拆分文件，或把该列作为文本导入。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>column {column!r} was imported as {wider}, not {type}: its values need it (first at line {line}).</source>
        <extracomment>Why columns were widened during the import (shown with the result).</extracomment>
        <translation>列 {column!r} 按 {wider} 而不是 {type} 导入：其中的值需要如此（首次出现在第 {line} 行）。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>the file changed while it was being imported; nothing was stored. Import it again once it is complete.</source>
        <translation>文件在导入过程中发生了变化，未保存任何数据。请在文件完整后重新导入。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>times have fractions of a second; the store keeps whole seconds, so they were cut to the second.</source>
        <translation>时间包含小数秒；数据存储只保留整秒，因此已截断到秒。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} rows repeat a (device, time) of another row; policy {policy}: see the quarantine.</source>
        <translation>有 {count} 行的（设备，时间）与其他行重复；处理策略 {policy}：详见隔离区。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Imported {rows:,} rows</source>
        <translation>已导入 {rows:,} 行</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>the first was kept</source>
        <translation>保留了第一条</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the last was kept</source>
        <translation>保留了最后一条</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none was kept</source>
        <translation>均未保留</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>duplicate: another row has device {device!r} at {time} (policy {policy}: {kept})</source>
        <translation>重复：另一行也是设备 {device!r} 在 {time} 的记录（策略 {policy}：{kept}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>duplicate: another row has {time} (policy {policy}: {kept})</source>
        <translation>重复：另一行的时间也是 {time}（策略 {policy}：{kept}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{rows:,} rows, {read:,.0f} of {total:,.0f} MB</source>
        <translation>{rows:,} 行，已读取 {read:,.0f} / {total:,.0f} MB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{rows:,} rows</source>
        <translation>{rows:,} 行</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>the file has a header but no data rows.</source>
        <translation>文件只有表头，没有数据行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no row could be imported; the first problem: {reason}.</source>
        <translation>没有可导入的行；第一个问题：{reason}。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>the file was changed, moved or deleted while it was being imported; nothing was stored.</source>
        <translation>文件在导入过程中被修改、移动或删除，未保存任何数据。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/clustering.py" line="+54"/>
        <source>{model} could not cluster this data: {error}</source>
        <extracomment>Agglomerative clustering needs memory quadratic in the rows; larger data is refused. Points in the PCA scatter (a random sample beyond this).</extracomment>
        <translation>{model} 无法对此数据进行聚类：{error}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Agglomerative clustering handles at most {most:,} rows (this data has {rows:,}); use k-means.</source>
        <translation>凝聚层次聚类最多只能处理 {most:,} 行（此数据有 {rows:,} 行）；请使用 k-means。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../../iotfin_gui/core/models/search.py" line="+154"/>
        <source>{model}: candidate {candidate} of {candidates}</source>
        <translation>{model}：候选 {candidate} / {candidates}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{model}: clustered</source>
        <translation>{model}：聚类完成</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/model_names.py" line="+63"/>
        <location line="+28"/>
        <source>hold-out 80/20</source>
        <extracomment>The metric each task ranks by, and whether higher is better. Display names of the schemes (for menus).</extracomment>
        <translation>留出法 80/20</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+33"/>
        <source>k-fold</source>
        <translation>k 折交叉验证</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>stratified k-fold</source>
        <translation>分层 k 折</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grouped by device</source>
        <translation>按设备分组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time series (expanding window)</source>
        <translation>时间序列（扩展窗口）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/cv.py" line="+66"/>
        <source>Unknown CV scheme {scheme!r}; choose one of {schemes}.</source>
        <extracomment>Schemes whose folds choose each other&apos;s validation thresholds (no extra fit, see :func:`iotfin_gui.core.models.fitting.assign_cross_fold_thresholds`): a hold-out has no other fold, and time-series CV would take a fold&apos;s threshold from later periods, so both choose it with an inner CV of each fold&apos;s training rows instead. Inner folds whose out-of-fold probabilities choose a fold&apos;s decision threshold otherwise.</extracomment>
        <translation>未知的交叉验证方式 {scheme!r}；请从以下选项中选择：{schemes}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cross-validation needs 2 to {rows} folds, not {folds}.</source>
        <translation>交叉验证的折数须在 2 到 {rows} 之间，当前为 {folds}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeats must be 1 or more.</source>
        <translation>重复次数必须大于或等于 1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gap between training and scored rows must be zero or more hours, not {hours:g}.</source>
        <translation>训练行与评分行之间的间隔必须为 0 小时或以上（当前为 {hours:g}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A gap between training and scored rows applies to time-series CV only.</source>
        <translation>训练行与评分行之间的间隔仅适用于时间序列交叉验证。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stratified CV needs a class target.</source>
        <translation>分层交叉验证需要分类目标列。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The smallest class has {rows} rows, fewer than the {folds} folds; use fewer folds.</source>
        <translation>最小的类别只有 {rows} 行，少于折数 {folds}；请减少折数。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Grouped CV needs a device id column (the dataset&apos;s device_id role).</source>
        <translation>按设备分组的交叉验证需要设备 ID 列（即数据集中角色为 device_id 的列）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Grouped CV needs at least {folds} devices; the data has {devices}. Use fewer folds.</source>
        <translation>按设备分组的交叉验证至少需要 {folds} 台设备，而数据中只有 {devices} 台。请减少折数。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Time-series CV needs a time column (the dataset&apos;s timestamp role).</source>
        <translation>时间序列交叉验证需要时间列（即数据集中角色为 timestamp 的列）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Time-series CV needs a time on every row; some are missing.</source>
        <translation>时间序列交叉验证要求每一行都有时间，但部分行缺失时间。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Time-series CV with {folds} folds needs more than {folds} distinct times.</source>
        <translation>{folds} 折时间序列交叉验证需要多于 {folds} 个不同的时间点。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>With a gap of {hours:g} h, fold {fold} has no training rows left; use a smaller gap or fewer folds.</source>
        <translation>间隔为 {hours:g} h 时，第 {fold} 折没有剩余的训练行；请减小间隔或减少折数。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The inner cross-validation of the search cannot split the training rows: {reason}</source>
        <translation>搜索的内层交叉验证无法划分训练行：{reason}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/model_names.py" line="+23"/>
        <source>hold-out 80/20 x{repeats}</source>
        <translation>留出法 80/20，重复 {repeats} 次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>time {folds} (expanding, gap {hours:g} h)</source>
        <translation>时间序列扩展窗口 {folds} 折（间隔 {hours:g} h）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>time {folds} (expanding)</source>
        <translation>时间序列扩展窗口 {folds} 折</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../iotfin_gui/core/recipes/params.py" line="-324"/>
        <source>stratified</source>
        <translation>分层</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/recipes/params.py" line="+1"/>
        <source>by device</source>
        <translation>按设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{scheme} {folds}x{repeats}</source>
        <translation>{scheme}（k={folds}，重复 {repeats} 次）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{scheme} {folds}</source>
        <translation>{scheme}（k={folds}）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/data.py" line="+60"/>
        <source>Save the recipe {recipe!r} before training with it, so the run can record its version.</source>
        <translation>请先保存预处理方案 {recipe!r} 再用于训练，以便运行记录其版本。</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>A positive class applies to two-class targets; this one has {classes} classes. Leave the positive class empty, or combine classes with a recipe.</source>
        <translation>正类仅适用于二分类目标列；此目标列有 {classes} 个类别。请将正类留空，或通过预处理方案合并类别。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The positive class {positive!r} is not in the target (classes: {classes}).</source>
        <translation>目标列中没有正类 {positive!r}（现有类别：{classes}）。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The recipe&apos;s test rows hold the class(es) {classes}, which no training row has; no model can learn them.</source>
        <translation>预处理方案的测试行中包含类别 {classes}，但训练行中没有这些类别，任何模型都无法学习。</translation>
    </message>
    <message>
        <location line="+18"/>
        <location filename="../../iotfin_gui/core/models/service.py" line="+440"/>
        <location filename="../../iotfin_gui/core/recipes/engine.py" line="+346"/>
        <source>Reading {dataset}</source>
        <translation>正在读取 {dataset}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The dataset {dataset!r} has no rows.</source>
        <translation>数据集 {dataset!r} 没有任何行。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Name the target column: dataset {dataset!r} has no column marked as the label.</source>
        <translation>请指定目标列：数据集 {dataset!r} 中没有标记为标签的列。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The recipe&apos;s target is {recipe_target!r}, not {target!r}.</source>
        <translation>预处理方案的目标列是 {recipe_target!r}，而不是 {target!r}。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/evaluation.py" line="+109"/>
        <source>{classes} classes: each row is predicted as its most probable class. Cost, threshold and calibration apply to two-class targets only.</source>
        <extracomment>The most points a curve or scatter holds (curves are thinned evenly, scatters sampled). Points of the common axis the macro-average curves are sampled on. Rows and shuffles used for permutation importance. Rows of shuffled copies scored in one prediction.</extracomment>
        <translation>共 {classes} 个类别：每行都预测为概率最高的类别。成本、阈值和校准仅适用于二分类目标列。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/fitting.py" line="+209"/>
        <source>The model could not be fitted on this data: {error}</source>
        <extracomment>From this many training rows on, one validation split is used instead of inner folds: a quarter of the rows (5,000 or more) is plenty, and it costs one fit instead of three. Share of the training rows held out when one validation split is used. ``tune(problem, fold number, fold, ctx)``: the search result (``best_params``) for one fold, from its training rows only; a picklable callable (it may run in a worker process).</extracomment>
        <translation>模型无法在此数据上拟合：{error}</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>{model}: fold {fold} of {folds}</source>
        <translation>{model}：第 {fold}/{folds} 折</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>{model}: fold {fold} of {folds}, fitting the chosen candidate</source>
        <translation>{model}：第 {fold}/{folds} 折，正在拟合选中的候选参数</translation>
    </message>
    <message>
        <location line="+81"/>
        <location line="+51"/>
        <source>{model}: cross-validated</source>
        <translation>{model}：交叉验证完成</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The class(es) {classes} occur only in the rows fold {fold} is scored on, not in its training rows, so no model can learn them. Use stratified CV, fewer folds, or more rows of those classes.</source>
        <translation>类别 {classes} 只出现在第 {fold} 折的评分行中，而不在其训练行中，因此任何模型都无法学习这些类别。请使用分层交叉验证、减少折数，或增加这些类别的行。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/metrics.py" line="-10"/>
        <source>ROC AUC</source>
        <extracomment>Display names of the metrics (and of the seconds per fold).</extracomment>
        <translation>ROC AUC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PR AUC</source>
        <translation>PR AUC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost / case</source>
        <translation>每例成本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bal. accuracy</source>
        <translation>平衡准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log loss</source>
        <translation>对数损失</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MAPE</source>
        <translation>MAPE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Silhouette</source>
        <translation>轮廓系数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Davies-Bouldin</source>
        <translation>Davies-Bouldin 指数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calinski-Harabasz</source>
        <translation>Calinski-Harabasz 指数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clusters</source>
        <translation>簇数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Noise share</source>
        <translation>噪声占比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit s/fold</source>
        <translation>拟合 s/折</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predict s/fold</source>
        <translation>预测 s/折</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/persistence.py" line="+168"/>
        <source>This run has no model file (only trained models are saved).</source>
        <extracomment>Start of every signed model file; then the format byte, the signature and the payload.</extracomment>
        <translation>此运行没有模型文件（只保存已训练的模型）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model file {file} is missing; retrain the model.</source>
        <translation>模型文件 {file} 不存在，请重新训练模型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model file {file} has been changed or replaced since the app wrote it (its SHA-256 does not match the store); refusing to load it. Retrain the model.</source>
        <translation>模型文件 {file} 在应用写入后已被修改或替换（其 SHA-256 与数据存储中的记录不符），已拒绝加载。请重新训练模型。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The model file {file} is not a signed IoTFin model file (files of older versions were unsigned pickles, which can run code when loaded); it is not loaded. Retrain the model.</source>
        <translation>模型文件 {file} 不是已签名的 IoTFin 模型文件（旧版本的文件是未签名的 pickle，加载时可能运行代码）；不会加载它。请重新训练模型。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The model file {file} does not carry your signature (key {key}): your IoTFin did not write it, or it was changed since. It is not loaded; retrain the model (a colleague&apos;s model comes in with &apos;model import&apos;).</source>
        <translation>模型文件 {file} 没有您的签名（密钥 {key}）：它不是由您的 IoTFin 写入的，或此后已被更改。不会加载它；请重新训练模型（同事的模型请用“model import”导入）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The model file {file} cannot be loaded safely: {reason}.</source>
        <translation>无法安全加载模型文件 {file}：{reason}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{file} is not an IoTFin model file.</source>
        <translation>{file} 不是 IoTFin 模型文件。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/preprocess.py" line="+61"/>
        <source>A supervised model needs a target column.</source>
        <extracomment>A text column with more distinct values than this share of rows (and more than :data:`MAX_CATEGORIES`) is an identifier (application id, name, phone) and is not a feature.</extracomment>
        <translation>监督学习模型需要目标列。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no target column {target!r} in the data.</source>
        <translation>数据中没有目标列 {target!r}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The data lacks the model&apos;s feature column(s) {columns}.</source>
        <translation>数据缺少模型的特征列 {columns}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No usable feature columns remain (every column is the target, an id, a time or empty).</source>
        <translation>没有可用的特征列（所有列都是目标列、ID 列、时间列或空列）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a date/time column (derive features from it with a recipe)</source>
        <translation>日期/时间列（可通过预处理方案从中派生特征）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The column has no values at all; drop it or fill it with a recipe.</source>
        <translation>该列完全没有值；请通过预处理方案删除或填补该列。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an identifier-like text column (almost every value differs)</source>
        <translation>类似标识符的文本列（几乎每个值都不相同）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The target column has no values.</source>
        <translation>目标列没有任何值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A regression target must be numeric; this column holds text (use classification, or convert it with a recipe).</source>
        <translation>回归的目标列必须是数值型；此列包含文本（请改用分类，或通过预处理方案进行转换）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The target holds infinite values.</source>
        <translation>目标列包含无穷值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The target is constant: there is nothing to predict.</source>
        <translation>目标列为常量：没有可预测的内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The target has only one class ({value!r}): a classifier needs at least two.</source>
        <translation>目标列只有一个类别（{value!r}）：分类器至少需要两个类别。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The target has {classes} distinct numbers; that looks like a regression task, not classification.</source>
        <translation>目标列有 {classes} 个不同的数值；这看起来是回归任务，而不是分类任务。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The target has {classes} classes (more than {most}); that looks like an identifier column, not a class to predict.</source>
        <translation>目标列有 {classes} 个类别（超过 {most} 个）；这看起来是标识符列，而不是要预测的类别。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The class {value!r} has a single row; every class needs at least two to be cross-validated.</source>
        <translation>类别 {value!r} 只有一行；每个类别至少需要两行才能进行交叉验证。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/model_names.py" line="-28"/>
        <source>grid</source>
        <extracomment>Folds of the inner cross-validation of a nested search (fewer than the outer folds, to keep the cost down: every candidate is fitted this many times in every outer fold). Display names of the searches.</extracomment>
        <translation>网格搜索</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/recipes/params.py" line="-2"/>
        <source>random</source>
        <translation>随机搜索</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/search.py" line="-66"/>
        <source>{model} has no parameter {name!r}; it has {known}.</source>
        <extracomment>Candidates a randomized search tries (at most the size of the grid). A grid larger than this is refused (the user edits the grid or uses a randomized search).</extracomment>
        <translation>{model} 没有参数 {name!r}；可用参数：{known}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The grid gives no values for {name!r}.</source>
        <translation>网格中没有为 {name!r} 提供任何取值。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{model}: {value!r} is not a valid value of {name!r}: {error}</source>
        <translation>{model}：{value!r} 不是 {name!r} 的有效取值：{error}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown search {search!r}; choose grid or random.</source>
        <translation>未知的搜索方式 {search!r}；请选择 grid 或 random。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The grid of {model} has {count} candidates (at most {most}); shrink it or use a randomized search.</source>
        <translation>{model} 的网格有 {count} 个候选（最多 {most} 个）；请缩小网格或改用随机搜索。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{model}, {where}: candidate {candidate} of {candidates}</source>
        <translation>{model}，{where}：候选 {candidate}/{candidates}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>outer fold {fold} of {folds}</source>
        <translation>外层第 {fold}/{folds} 折</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>all rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{model}: search done</source>
        <translation>{model}：搜索完成</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/model_names.py" line="+39"/>
        <source>{search}, not nested</source>
        <translation>{search}，非嵌套</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{search}, nested (inner {inner})</source>
        <translation>{search}，嵌套（内层：{inner}）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/service.py" line="-276"/>
        <source>Costs must be zero or more, and not both zero.</source>
        <translation>成本必须大于或等于 0，且不能同时为 0。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Threshold must be a probability or one of {modes}.</source>
        <translation>阈值必须是概率值，或以下之一：{modes}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>class_weight must be empty or &apos;balanced&apos;.</source>
        <translation>class_weight 必须为空或 &apos;balanced&apos;。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The inner CV of a search needs 2 to 20 folds, not {folds}.</source>
        <translation>搜索的内层交叉验证需要 2 到 20 折，当前为 {folds}。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Saving models</source>
        <translation>正在保存模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training done</source>
        <translation>训练完成</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{model}: final fit on all rows</source>
        <translation>{model}：在全部行上进行最终拟合</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>{model} on {dataset}</source>
        <translation>基于 {dataset} 的 {model}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The target has {classes} classes: each row is predicted as its most probable class. The cost matrix and threshold options apply to two-class targets and were not used.</source>
        <translation>目标列有 {classes} 个类别：每行都预测为概率最高的类别。成本矩阵和阈值选项仅适用于二分类目标列，本次未使用。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Run {run} is a {kind} run, not a trained model.</source>
        <translation>运行 {run} 的类型为 {kind}，不是已训练的模型。</translation>
    </message>
    <message>
        <location line="+89"/>
        <location filename="../../iotfin_gui/core/recipes/storage.py" line="+189"/>
        <source>A dataset named {name!r} already exists; choose another name.</source>
        <translation>已存在名为 {name!r} 的数据集，请另选名称。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/applying.py" line="+67"/>
        <source>Dataset {dataset!r} lacks the column(s) the model was trained on: {columns}.</source>
        <translation>数据集 {dataset!r} 缺少训练模型时使用的列：{columns}。</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+24"/>
        <source>Predicting</source>
        <translation>正在预测</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>The model cannot be applied to {dataset!r}: {error}</source>
        <extracomment>Rows read and predicted at a time.</extracomment>
        <translation>无法将模型应用于 {dataset!r}：{error}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/service.py" line="+7"/>
        <location filename="../../iotfin_gui/core/recipes/storage.py" line="-42"/>
        <source>Saving {dataset}</source>
        <translation>正在保存 {dataset}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Predictions of run {run} on {dataset}.</source>
        <translation>运行 {run} 对 {dataset} 的预测结果。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Predictions of run {run} on {dataset}</source>
        <translation>运行 {run} 对 {dataset} 的预测结果</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Predictions ready</source>
        <translation>预测结果已就绪</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>A learning curve needs a supervised model, not clustering.</source>
        <translation>学习曲线需要监督学习模型，不适用于聚类。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The dataset of run {run} no longer exists.</source>
        <translation>运行 {run} 的数据集已不存在。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Learning curve: {share:.0%} of the training rows</source>
        <translation>学习曲线：使用 {share:.0%} 的训练行</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Learning curve done</source>
        <translation>学习曲线计算完成</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/model_names.py" line="-89"/>
        <source>Baseline (class prior)</source>
        <extracomment>task -&gt; model name -&gt; display name, in the order the Models panel lists them.</extracomment>
        <translation>基线（类别先验）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logistic regression</source>
        <translation>逻辑回归</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linear SVM (calibrated)</source>
        <translation>线性 SVM（已校准）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RBF SVM (calibrated)</source>
        <translation>RBF SVM（已校准）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>k nearest neighbours</source>
        <translation>k 近邻</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>Random forest</source>
        <translation>随机森林</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>Hist gradient boosting</source>
        <translation>直方图梯度提升</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>Neural network (MLP)</source>
        <translation>神经网络（MLP）</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Gaussian naive Bayes</source>
        <translation>高斯朴素贝叶斯</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Baseline (mean)</source>
        <translation>基线（均值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linear regression</source>
        <translation>线性回归</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ridge regression</source>
        <translation>岭回归</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lasso regression</source>
        <translation>Lasso 回归</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support vector regression</source>
        <translation>支持向量回归</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Baseline (random clusters)</source>
        <translation>基线（随机簇）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k-means</source>
        <translation>k-means 聚类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agglomerative (Ward)</source>
        <translation>凝聚层次聚类（Ward）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DBSCAN</source>
        <translation>DBSCAN</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/specs.py" line="+238"/>
        <source>Unknown task {task!r}; choose one of {tasks}.</source>
        <extracomment>Seconds every fit costs whatever the model (building the preprocessing pipeline). A model estimated to train longer than this (one core, the default CV) is left out of the default list (it stays available to pick). task -&gt; model name -&gt; spec.</extracomment>
        <translation>未知任务 {task!r}；请从以下选项中选择：{tasks}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no {task} model {model!r}; choose from {models}.</source>
        <translation>没有名为 {model!r} 的 {task} 模型；请从以下模型中选择：{models}。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/overview.py" line="+63"/>
        <source>Summarising columns</source>
        <extracomment>Roles whose column is summed per day, in order of preference; metrics (a cash level among them) are averaged.</extracomment>
        <translation>正在汇总各列</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>sum of {column}</source>
        <translation>{column} 合计</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mean of {column}</source>
        <translation>{column} 均值</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../iotfin_gui/core/recipes/params.py" line="-43"/>
        <source>rows</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Aggregating per day</source>
        <translation>正在按日汇总</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+14"/>
        <source>Overview ready</source>
        <translation>概览已就绪</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/document.py" line="+98"/>
        <source>The recipe is too large ({size:,} bytes; at most {limit:,})</source>
        <extracomment>Largest recipe file or text accepted, in characters, and in bytes (UTF-8). Deepest nesting of arrays and objects a recipe may hold (real recipes need 5).</extracomment>
        <translation>配方过大（{size:,} 字节；最多 {limit:,}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The recipe is not UTF-8 text ({reason})</source>
        <translation>预处理方案不是 UTF-8 文本（{reason}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The recipe is too large ({characters:,} characters)</source>
        <translation>预处理方案过大（{characters:,} 个字符）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The recipe is not valid JSON: {error}</source>
        <translation>预处理方案不是有效的 JSON：{error}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A recipe must be a JSON object with a name and steps</source>
        <translation>预处理方案必须是包含名称和步骤的 JSON 对象</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown recipe field(s) {unknown}; expected {known}</source>
        <translation>预处理方案包含未知字段 {unknown}；允许的字段：{known}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is not an IoTFin recipe (format {format!r})</source>
        <translation>这不是 IoTFin 预处理方案（格式 {format!r}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A recipe needs a list of steps</source>
        <translation>预处理方案需要一个步骤列表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A recipe holds at most {steps} steps</source>
        <translation>预处理方案最多包含 {steps} 个步骤</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The version must be a whole number</source>
        <translation>版本号必须是整数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The recipe&apos;s {key} must be a text</source>
        <translation>预处理方案的 {key} 必须是文本</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The target column {column!r} does not exist</source>
        <translation>目标列 {column!r} 不存在</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>column {name!r} is the recipe&apos;s target; learned steps do not transform it</source>
        <translation>列 {name!r} 是预处理方案的目标列，学习型步骤不会对其进行变换</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The recipe nests more than {limit} levels deep (at character {position:,})</source>
        <translation>配方的嵌套超过 {limit} 层（在第 {position:,} 个字符处）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is not allowed in a recipe</source>
        <translation>预处理方案中不允许出现 {name}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>each step must be an object with a type and params</source>
        <translation>每个步骤都必须是包含 type 和 params 的对象</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown step type {type!r}; known types: {known}</source>
        <translation>未知的步骤类型 {type!r}；已知类型：{known}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown field(s) {fields} in the step</source>
        <translation>步骤中有未知字段 {fields}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>params must be an object</source>
        <translation>params 必须是一个对象</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A recipe needs a name (at most 200 characters)</source>
        <translation>预处理方案需要名称（最多 200 个字符）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The version must be 1 or more</source>
        <translation>版本号必须大于或等于 1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown step type</source>
        <translation>未知的步骤类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>steps must be ordered row steps, then at most one split, then learned steps; move this step</source>
        <translation>步骤顺序必须是：先行步骤，再最多一个划分步骤，最后是学习型步骤；请移动此步骤</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unknown parameter; {type} takes {known}</source>
        <translation>未知参数；{type} 可用的参数为：{known}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>this parameter is required</source>
        <translation>此参数为必填项</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/engine.py" line="-283"/>
        <source>Step {step} ({type}) drops {share:.0%} of the rows ({dropped:,} of {rows:,}).</source>
        <extracomment>A step that drops more than this share of its input rows gets a warning. Failures of pandas or scikit-learn on odd data that become a message naming the step.</extracomment>
        <translation>步骤 {step}（{type}）丢弃了 {share:.0%} 的行（{rows:,} 行中的 {dropped:,} 行）。</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>Step {step}: {label}</source>
        <extracomment>Whether the rows had to be sorted into device and time order (before a row step or the split): then the result cannot be made batch by batch (see :mod:`.batched`).</extracomment>
        <translation>步骤 {step}：{label}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>cannot run on this data: {error}</source>
        <translation>无法在此数据上运行：{error}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Splitting train and test</source>
        <translation>正在划分训练集和测试集</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fitting learned steps on the training rows</source>
        <translation>正在基于训练行拟合学习型步骤</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recipe done</source>
        <translation>预处理方案运行完成</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>there are no training rows to fit the learned steps on (check the filters and the split)</source>
        <translation>没有可用于拟合学习型步骤的训练行（请检查筛选条件和划分）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>cannot fit on the training rows: {error}</source>
        <translation>无法在训练行上拟合：{error}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The result already has a column named {column!r}; rename or drop it (e.g. with a select_columns step)</source>
        <translation>结果中已有名为 {column!r} 的列；请将其重命名或删除（例如使用 select_columns 步骤）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/steps/base.py" line="+29"/>
        <source>row</source>
        <extracomment>How each phase reads in the Preprocess panel.</extracomment>
        <translation>行步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>split</source>
        <translation>划分步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learned</source>
        <translation>学习型步骤</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter</source>
        <extracomment>The groups of the Add step menu, in menu order: key -&gt; label.</extracomment>
        <translation>筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing values</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Types</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time series</source>
        <translation>时间序列</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/recipes/steps/features.py" line="+136"/>
        <source>Features</source>
        <translation>特征</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outliers</source>
        <translation>异常值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scaling</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/steps/features.py" line="-132"/>
        <source>holiday features need a holiday calendar (e.g. CN)</source>
        <translation>节假日特征需要指定节假日日历（如 CN）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>is_payday needs the paydays (days of the month)</source>
        <translation>is_payday 需要指定发薪日（每月几号）</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>dataset {dataset!r} has no event type column; name one</source>
        <translation>数据集 {dataset!r} 没有事件类型列，请指定一列</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dataset {dataset!r} needs device id and timestamp roles</source>
        <translation>数据集 {dataset!r} 需要设置设备 ID 和时间戳角色</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>this step reads the dataset {dataset}, so the recipe must run on a dataset in the store</source>
        <translation>此步骤会读取数据集 {dataset}，因此方案必须在数据存储中的数据集上运行</translation>
    </message>
    <message>
        <location line="+28"/>
        <location filename="../../iotfin_gui/core/recipes/steps/learned.py" line="+180"/>
        <location filename="../../iotfin_gui/core/recipes/steps/rows.py" line="+283"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lags</source>
        <translation>滞后特征</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lags (rows back)</source>
        <translation>滞后行数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The value N rows earlier within the same device.</source>
        <translation>同一设备内 N 行之前的值。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolling windows</source>
        <translation>滚动窗口统计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window sizes (rows)</source>
        <translation>窗口大小（行）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Statistics</source>
        <translation>统计量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fewest values</source>
        <translation>最少有效值个数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>default: a full window</source>
        <translation>默认：完整窗口</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include the current row</source>
        <translation>包含当前行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Statistics over the previous N rows within the same device.</source>
        <translation>同一设备内前 N 行的统计量。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Differences</source>
        <translation>差分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows back</source>
        <translation>间隔行数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The change from N rows earlier within the same device.</source>
        <translation>与同一设备内 N 行之前相比的变化量。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calendar features</source>
        <translation>日历特征</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Holiday calendar</source>
        <translation>节假日日历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>country code such as CN, US or GB-ENG; empty for none</source>
        <translation>国家/地区代码，如 CN、US 或 GB-ENG；留空表示不使用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paydays (day of month)</source>
        <translation>发薪日（每月几号）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column prefix</source>
        <translation>列名前缀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day of week, month, holidays, paydays and month ends of each row&apos;s date.</source>
        <translation>每行日期对应的星期、月份、节假日、发薪日和月末信息。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time since last event</source>
        <translation>距上次事件时长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events dataset</source>
        <translation>事件数据集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. fault</source>
        <translation>例如 fault</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event type column</source>
        <translation>事件类型列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default: the events dataset&apos;s event type</source>
        <translation>默认：事件数据集的事件类型列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output column</source>
        <translation>输出列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default: &lt;unit&gt;_since_&lt;event type&gt;</source>
        <translation>默认：&lt;unit&gt;_since_&lt;event type&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hours (or days) since the device&apos;s last event of a type at or before each row&apos;s time; missing before its first such event.</source>
        <translation>截至每行时间（含），距该设备最近一次指定类型事件的小时数（或天数）；在该设备首次发生此类事件之前为缺失值。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/steps/learned.py" line="-131"/>
        <source>column {column!r} identifies the rows (device or time) and stays as it is; use one_hot to make features from a device id</source>
        <extracomment>The ``scale`` step&apos;s methods: scikit-learn&apos;s StandardScaler, MinMaxScaler and RobustScaler.</extracomment>
        <translation>列 {column!r} 用于标识行（设备或时间），将保持不变；如需从设备 ID 生成特征，请使用 one_hot</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>a constant fill needs a fill_value</source>
        <translation>常量填充需要指定 fill_value</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>fill_value {value!r} does not suit column {column!r}</source>
        <translation>fill_value {value!r} 与列 {column!r} 的类型不符</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the lower quantile must be below the upper one</source>
        <translation>下分位数必须小于上分位数</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>an order is given for {column!r}, which is not among the columns</source>
        <translation>为 {column!r} 指定了类别顺序，但该列不在所选列中</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Fill missing (learned)</source>
        <translation>缺失值填补（学习型）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill with</source>
        <translation>填充方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Constant</source>
        <translation>常量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>for the constant strategy</source>
        <translation>用于常量填充方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill missing values with the training rows&apos; mean, median or most frequent value, or a constant.</source>
        <translation>用训练行的均值、中位数或众数填补缺失值，或填入常量。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clip outliers</source>
        <translation>截断异常值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bounds</source>
        <translation>边界</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lower quantile</source>
        <translation>下分位数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upper quantile</source>
        <translation>上分位数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IQR or z factor</source>
        <translation>IQR 或 z 系数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>default 1.5 for IQR, 3 for z-score</source>
        <translation>默认：IQR 为 1.5，z 分数为 3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per device</source>
        <translation>按设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clip values to bounds learned from the training rows, globally or per device.</source>
        <translation>将数值截断到从训练行学得的边界内，可全局计算，也可按设备分别计算。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One-hot encode</source>
        <translation>独热编码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Most columns per column</source>
        <translation>每列最多生成列数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rarer categories share one &lt;column&gt;_other column</source>
        <translation>较少见的类别合并到同一个 &lt;column&gt;_other 列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One 0/1 column per category seen in training; unseen ones go to &apos;other&apos;.</source>
        <translation>为训练中出现的每个类别生成一个 0/1 列；未出现过的类别归入“other”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ordinal encode</source>
        <translation>序数编码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Category order per column</source>
        <translation>各列的类别顺序</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default: sorted; unknown and missing values become -1</source>
        <translation>默认：按排序；未知值和缺失值记为 -1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace categories by their rank.</source>
        <translation>将类别替换为其排序序号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Frequency encode</source>
        <translation>频率编码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace categories by their share of the training rows (no target used).</source>
        <translation>将类别替换为其在训练行中的占比（不使用目标列）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/recipes/steps/rows.py" line="+59"/>
        <location filename="../../iotfin_gui/core/recipes/steps/splits.py" line="+92"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Standard (mean 0, sd 1), min-max (0..1) or robust (median, IQR) scaling learned from the training rows.</source>
        <translation>基于训练行学得的标准化（均值 0、标准差 1）、最小-最大（0..1）或稳健（中位数、IQR）缩放。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/steps/rows.py" line="-323"/>
        <source>Device column</source>
        <translation>设备列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default: the dataset&apos;s device id</source>
        <translation>默认：数据集的设备 ID 列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time column</source>
        <translation>时间列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default: the dataset&apos;s timestamp</source>
        <translation>默认：数据集的时间戳列</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>give a start, an end or a number of last days</source>
        <translation>请指定开始时间、结束时间或最近天数</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{value!r} cannot be compared with column {column!r} ({kind})</source>
        <translation>{value!r} 无法与列 {column!r}（{kind}）进行比较</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>column {column!r} is {kind}; {op} needs numbers or times</source>
        <translation>列 {column!r} 的类型为 {kind}；{op} 需要数值或时间</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>row {row}: {value!r} is not {what} (set errors to &apos;missing&apos; to turn such values into missing ones)</source>
        <translation>第 {row} 行：{value!r} 不是{what}（如需将此类值转为缺失值，请修改“无效值”的处理方式）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>a date or time</source>
        <translation>日期或时间</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>column {column!r} holds times, not numbers</source>
        <translation>列 {column!r} 包含的是时间，不是数值</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>a number</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>column {column!r} holds fractions; cast to float instead</source>
        <translation>列 {column!r} 包含小数；请改为转换为小数类型</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Bad values</source>
        <translation>无效值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stop at the first value that cannot be converted, or make such values missing</source>
        <translation>遇到第一个无法转换的值时停止，或将此类值设为缺失值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep or drop devices</source>
        <translation>保留或排除设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+22"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Keep (or drop) the rows of the listed devices.</source>
        <translation>保留（或排除）所列设备的行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time range</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From (inclusive)</source>
        <translation>起始时间（含）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Until (exclusive)</source>
        <translation>截止时间（不含）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last N days</source>
        <translation>最近 N 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep rows in a time range and/or the last N days of the data.</source>
        <translation>保留某一时间范围内和/或数据中最近 N 天的行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Value conditions</source>
        <translation>值条件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conditions</source>
        <translation>条件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Combine</source>
        <translation>组合方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep rows that meet all (or any) of the conditions.</source>
        <translation>保留满足全部（或任一）条件的行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select columns</source>
        <translation>选择列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep only the listed columns, or drop them.</source>
        <translation>仅保留所列的列，或删除这些列。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop missing</source>
        <translation>删除缺失值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop</source>
        <translation>删除对象</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Allowed missing share</source>
        <translation>允许的缺失比例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>drop when the share of missing values is above this</source>
        <translation>缺失值比例高于此值时删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Columns considered</source>
        <translation>参与判断的列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default: all</source>
        <translation>默认：全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop rows, or columns, whose share of missing values is above the threshold (columns: decided on the whole data; the device, time and target columns stay).</source>
        <translation>删除缺失值比例高于阈值的行或列（删除列时基于全部数据判断；设备列、时间列和目标列始终保留）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Missing indicator</source>
        <translation>缺失指示列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Suffix</source>
        <translation>后缀</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a 0/1 column per column telling where its value is missing.</source>
        <translation>为每个所选列添加一个 0/1 列，标示其值是否缺失。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fill along time</source>
        <translation>沿时间填充</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most N in a row</source>
        <translation>最多连续填充 N 个</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Forward or backward fill, or interpolate in time, within each device.</source>
        <translation>在每台设备内向前填充、向后填充或按时间插值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parse timestamps</source>
        <translation>解析时间戳</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. %d/%m/%Y %H:%M; default: guess</source>
        <translation>例如 %d/%m/%Y %H:%M；默认：自动识别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use as the time column</source>
        <translation>用作时间列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Turn texts into UTC timestamps (texts with an offset are converted to UTC).</source>
        <translation>将文本转换为 UTC 时间戳（带时区偏移的文本会换算为 UTC）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cast</source>
        <translation>类型转换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>目标类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Convert columns to numbers or texts.</source>
        <translation>将列转换为数值或文本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Categories</source>
        <translation>设为类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark columns as categories.</source>
        <translation>将列标记为类别型。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/steps/series.py" line="+31"/>
        <source>{name!r} is not a time zone such as Asia/Shanghai or UTC</source>
        <translation>{name!r} 不是有效的时区，请使用 Asia/Shanghai 或 UTC 这样的名称</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>resampling needs a timestamp column, and this data has none; parse one with a parse_timestamps step or set the dataset&apos;s timestamp role</source>
        <translation>重采样需要时间戳列，但此数据中没有；请用 parse_timestamps 步骤解析出一列，或设置数据集的时间戳角色</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>column {column!r} is the device or time column itself</source>
        <translation>列 {column!r} 本身就是设备列或时间列</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To zone</source>
        <translation>目标时区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Asia/Shanghai; times become local wall-clock time</source>
        <translation>例如 Asia/Shanghai；时间将转为当地时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From zone</source>
        <translation>源时区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Convert timestamps from one zone (stored times are UTC) to local time.</source>
        <translation>将时间戳从某一时区（存储的时间为 UTC）转换为当地时间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resample</source>
        <translation>重采样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aggregation per column</source>
        <translation>各列聚合方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gap marker column</source>
        <translation>缺口标记列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 where a period had no rows; empty for none</source>
        <translation>某时段内没有任何行时为 1；留空则不添加此列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aggregate each device&apos;s rows into regular periods; other columns are dropped.</source>
        <translation>将每台设备的行聚合到固定时段；其他列将被删除。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/steps/splits.py" line="-68"/>
        <source>a stratified split needs a column (or a recipe target)</source>
        <translation>分层划分需要指定列（或方案的目标列）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>give either a date or a number of last days, not both</source>
        <translation>请指定日期或最近天数，不能同时指定</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>a grouped split needs at least two devices</source>
        <translation>按设备分组划分至少需要两台设备</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the stratify column has missing values</source>
        <translation>分层列含有缺失值</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cannot split so: {error}</source>
        <translation>无法按此方式划分：{error}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Train/test split</source>
        <translation>训练/测试划分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test share</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stratify by</source>
        <translation>分层依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default: the recipe&apos;s target</source>
        <translation>默认：方案的目标列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train before</source>
        <translation>训练截止时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time split: the first test time</source>
        <translation>按时间划分：测试集的起始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test on the last N days</source>
        <translation>以最近 N 天作为测试集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark rows train or test; learned steps are fitted on the training rows only.</source>
        <translation>将行标记为训练或测试；需学习的步骤仅在训练行上拟合。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/catalogue.py" line="+33"/>
        <location filename="../../iotfin_gui/core/recipes/storage.py" line="-69"/>
        <source>There is no recipe {name!r} version {version} in the store.</source>
        <translation>数据存储中没有方案 {name!r} 的版本 {version}。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/storage.py" line="-2"/>
        <location filename="../../iotfin_gui/core/trash.py" line="+154"/>
        <source>There is no recipe {name!r} in the store.</source>
        <extracomment>Rows per chunk written to a derived dataset (a cancel point between chunks).</extracomment>
        <translation>数据存储中没有方案 {name!r}。</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Prepared by recipe {recipe} v{version} on {dataset}.</source>
        <translation>由方案 {recipe} v{version} 基于 {dataset} 生成。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prepared by recipe {recipe} v{version}.</source>
        <translation>由方案 {recipe} v{version} 生成。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recipe {recipe} v{version} on {dataset}</source>
        <translation>方案 {recipe} v{version}（{dataset}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipe {recipe} v{version}</source>
        <translation>方案 {recipe} v{version}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/reports/bundle.py" line="+86"/>
        <source>image {name!r} is not a PNG</source>
        <extracomment>Run kind -&gt; (file name, exportable table) of the CSVs in its report. Run kind -&gt; CSVs its report holds when the run has them (a forecast&apos;s refill plan needs a cash column); when one cannot be made, the summary says why. Why a bundle has no images, as its summary files say (in English, like all file contents).</extracomment>
        <translation>图片 {name!r} 不是 PNG 格式</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/outputs.py" line="+174"/>
        <source>{path} is a file; give a folder name for the report.</source>
        <translation>{path} 是文件；请为报告指定一个文件夹名称。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} already exists; choose another folder or overwrite it (--force).</source>
        <translation>{path} 已存在；请选择其他文件夹，或将其覆盖（--force）。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/reports/bundle.py" line="+69"/>
        <source>Writing the summary</source>
        <translation>正在写入摘要</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Report written</source>
        <translation>报告已写入</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/reports/csv_writer.py" line="+51"/>
        <source>unknown encoding {encoding!r}; use utf-8-sig (Excel) or utf-8</source>
        <translation>未知编码 {encoding!r}；请使用 utf-8-sig（Excel）或 utf-8</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unsupported delimiter {delimiter!r}; use , ; | or tab</source>
        <translation>不支持的分隔符 {delimiter!r}；请使用 , ; | 或 tab</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/outputs.py" line="-101"/>
        <source>Not enough disk space to write {path}; free some space or choose another folder.</source>
        <extracomment>What the names of temporary files and folders contain: ``.NAME.iotfin-part-XXXX``. The store setting listing the temporary files being written (path, pid, host). The file in an output folder that lists the files the app wrote there. Files and folders are given the permissions a plain ``open`` would (temp files are 0600).</extracomment>
        <translation>磁盘空间不足，无法写入 {path}；请释放部分空间或选择其他文件夹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot write {path}: permission denied (is the folder read-only, or the file open in Excel?).</source>
        <translation>无法写入 {path}：权限被拒绝（文件夹是否为只读，或文件是否已在 Excel 中打开？）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot write {path}: {error}.</source>
        <translation>无法写入 {path}：{error}。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{path} is a folder; give a file name to write to.</source>
        <translation>{path} 是一个文件夹；请给出要写入的文件名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is not a regular file (a device, pipe or socket); IoTFin only writes ordinary files. Choose another name.</source>
        <translation>{path} 不是普通文件（而是设备、管道或套接字）；IoTFin 只写入普通文件。请选择其他名称。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{path} holds the store {store}; IoTFin does not write a report into the store&apos;s folder. Choose another folder.</source>
        <translation>{path} 中存放着数据存储 {store}；IoTFin 不会把报告写入数据存储所在的文件夹。请选择其他文件夹。</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>{path} appeared while it was being written; nothing was overwritten.</source>
        <translation>写入期间出现了 {path}；没有覆盖任何文件。</translation>
    </message>
    <message>
        <location line="+175"/>
        <source>{path} holds files IoTFin did not write ({files}); they were left as they are. Choose another folder or move them.</source>
        <translation>{path} 中有并非 IoTFin 写入的文件（{files}）；这些文件保持原样。请选择其他文件夹，或先移走这些文件。</translation>
    </message>
    <message>
        <location line="-302"/>
        <source>{path} already exists; choose another name or overwrite it (--force).</source>
        <translation>{path} 已存在；请选择其他名称，或将其覆盖（--force）。</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Cannot write {path}: the folder {folder} does not exist.</source>
        <translation>无法写入 {path}：文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>{path} belongs to the store {store} (its database, journal, models or backups); IoTFin never writes an output over it. Choose another file.</source>
        <translation>{path} 属于数据存储 {store}（其数据库、日志、模型或备份）；IoTFin 绝不会用输出文件覆盖它。请选择其他文件。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot write {path}: the folder {folder} is not writable.</source>
        <translation>无法写入 {path}：文件夹 {folder} 不可写。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/reports/export.py" line="+114"/>
        <source>Exporting {table}</source>
        <translation>正在导出 {table}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting {table}: {rows:,} rows</source>
        <translation>正在导出 {table}：{rows:,} 行</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/reports/personal.py" line="+34"/>
        <source>name</source>
        <extracomment>How each kind of personal data is named on screen.</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer id</source>
        <translation>客户号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>free text with personal data</source>
        <translation>含个人数据的自由文本</translation>
    </message>
    <message>
        <location line="+240"/>
        <source>{matches} of {sampled} sampled values look like a {kind}</source>
        <extracomment>Values sampled per column for the content check. Share of a column&apos;s sampled values that must be personal for the whole column to be. Whole names (words run together, lower case) and their kind. Words that make a name personal wherever they appear in it. Words that are personal only alone or with identifier words (:data:`_IDENTIFIER_WORDS`): word -&gt; (its kind alone or with other such words, its kind with ``id``, ``no``...); with ``name`` they are always a name. Chinese: (kind, words); the first rule one of whose words appears in the name wins. An e-mail address. A mainland mobile number: ``13987654321``, ``139 8765 4321``, ``+86 139-8765-4321``. The shape of an 18-character resident ID number (see :func:`resident_id_valid`). The shape of a card number: 13-19 digits, or groups of four (or 4-6-5) with spaces or dashes.</extracomment>
        <translation>抽样的 {sampled} 个值中有 {matches} 个像是{kind}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{matches} of {sampled} sampled values contain a phone, ID, card number or e-mail</source>
        <translation>抽样的 {sampled} 个值中有 {matches} 个包含电话、证件号、卡号或电子邮箱</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>named like a {kind}</source>
        <translation>列名像是{kind}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/reports/tables.py" line="+48"/>
        <source>the table has duplicate column names</source>
        <translation>表中存在重复的列名</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/reports/registry.py" line="-18"/>
        <source>There is no exportable table {table!r}; choose one of {tables}.</source>
        <translation>没有可导出的表 {table!r}；请从以下表中选择：{tables}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../iotfin_gui/core/trash.py" line="-125"/>
        <source>dataset</source>
        <extracomment>How each selector is named in messages.
----------
What each kind of entry holds, as shown in the Trash view.</extracomment>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/core/trash.py" line="+1"/>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>table on screen</source>
        <translation>当前显示的表</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the {table} table needs a {needs} ({options})</source>
        <translation>导出表 {table} 需要指定{needs}（{options}）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/reports/tables.py" line="+59"/>
        <source>There is no import {id} in the store.</source>
        <translation>数据存储中没有导入 {id}。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Run {run} is a {kind} run, not a forecast.</source>
        <extracomment>Metric scopes shown in the leaderboard (per-series and per-model scores are in run_metrics).</extracomment>
        <translation>运行 {run} 的类型为 {kind}，不是预测运行。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/reports/registry.py" line="+8"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All rows of a stored dataset, as imported or derived (streamed; large datasets are fine).</source>
        <translation>数据存储中某个数据集（导入的或派生的）的全部行（流式读取，大型数据集也可导出）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quarantined rows</source>
        <translation>被隔离的行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows an import set aside, with the file, line and reason (of one import, or every import of a dataset).</source>
        <translation>导入时被隔离的行，附带文件、行号和原因（可针对某一次导入，或某个数据集的全部导入）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leaderboard (runs)</source>
        <translation>排行榜（运行）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every training and forecast run with its model, seed, data hash and overall metrics as columns.</source>
        <translation>所有训练运行和预测运行，附带模型、随机种子、数据哈希，并以列的形式给出总体指标。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run metrics</source>
        <translation>运行指标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every metric of one run (overall, per model and per series).</source>
        <translation>某次运行的全部指标（总体、按模型和按序列）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A stored forecast run: one row per ATM and day with the forecast and its interval bounds.</source>
        <translation>一次已存储的预测运行：每台 ATM 每天一行，包含预测值及其区间上下限。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replenishment plan</source>
        <translation>加钞计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which ATM to visit on which day and what to fill it to: the plan on screen, or the cash plan of a forecast run from today&apos;s cash (its stored scenarios, no new forecast).</source>
        <translation>哪台 ATM 在哪天上门、加钞至多少：屏幕上的计划，或按今日现金基于某次预测运行生成的现金计划（使用其保存的情景，不重新预测）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fleet status</source>
        <translation>设备群状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Each ATM&apos;s status, cash, days to cash-out and reasons, as of the latest data (or a given time).</source>
        <translation>截至最新数据时间（或指定时间）每台 ATM 的状态、现金、距现金耗尽天数和原因。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Everything done to the store, oldest first.</source>
        <translation>对数据存储执行过的所有操作，按时间从早到晚排列。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/store_admin.py" line="+29"/>
        <source>back up the store now (into its backups folder)</source>
        <translation>立即备份存储（存入其备份文件夹）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bring the store back to a backup (the current state is backed up first)</source>
        <translation>将存储恢复到某个备份（先备份当前状态）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a backup&apos;s file name or path (default: the newest backup)</source>
        <translation>备份的文件名或路径（默认：最新的备份）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>list the backups instead</source>
        <translation>改为列出备份</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>give the space of deleted data back to the disk (VACUUM)</source>
        <translation>将已删除数据占用的空间归还给磁盘（VACUUM）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>deleted datasets, runs and recipes: list, restore, empty</source>
        <translation>已删除的数据集、运行和配方：列出、恢复、清空</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>list what is in the trash</source>
        <translation>列出回收站中的内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bring a trash entry back</source>
        <translation>恢复回收站中的一项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>delete everything in the trash for good (after a backup)</source>
        <translation>永久删除回收站中的全部内容（先备份）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The store {path} has no backups yet (they are taken before every delete; take one with: iotfin backup).</source>
        <translation>存储 {path} 还没有备份（每次删除前都会自动备份；也可运行 iotfin backup 手动备份）。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/cli/store_check.py" line="+23"/>
        <source>check the store&apos;s integrity without writing to it</source>
        <translation>检查数据存储的完整性，不写入任何内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>run the full integrity check (slower) instead of the quick check</source>
        <translation>运行完整的完整性检查（较慢），而不是快速检查</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no store at {path}.</source>
        <translation>{path} 处没有数据存储。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking the store…</source>
        <translation>正在检查数据存储…</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/backups.py" line="+78"/>
        <source>before deleting a dataset</source>
        <extracomment>How long a restore waits for another program&apos;s write to finish before refusing. How many times a restore backs up the state it replaces while other programs keep writing. How many names a backup tries when other processes back up in the same second. A name is lost only to another process&apos;s backup that took it, so the losses are bounded by what the others back up meanwhile: a process taking six backups in a row beside another lost five names in a row (1 run in 3), and refused its backup with 5. Why backups are taken, as shown in the Restore dialog.</extracomment>
        <translation>删除数据集之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before deleting a run</source>
        <translation>删除运行之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before deleting a recipe</source>
        <translation>删除配方之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before removing the demo data</source>
        <translation>移除演示数据之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before emptying the trash</source>
        <translation>清空回收站之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before upgrading the store</source>
        <translation>升级存储之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before restoring a backup</source>
        <translation>恢复备份之前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the damaged state a restore replaced</source>
        <translation>恢复时被替换的损坏状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>taken by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>Cannot back up the store into {folder}: {error}. Nothing was changed.</source>
        <extracomment>The reason of the backup of a damaged state that a restore replaced.</extracomment>
        <translation>无法将存储备份到 {folder}：{error}。未做任何更改。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>There is no backup {path}.</source>
        <translation>备份 {path} 不存在。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{path} is not a backup of an IoTFin store: {error}. The store is unchanged.</source>
        <translation>{path} 不是 IoTFin 存储的备份：{error}。存储未被更改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{path} is not a backup of an IoTFin store. The store is unchanged.</source>
        <translation>{path} 不是 IoTFin 存储的备份。存储未被更改。</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>The backup {path} is damaged ({problem}); it cannot be restored. The store is unchanged.</source>
        <translation>备份 {path} 已损坏（{problem}），无法恢复。存储未被更改。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The backup {path} has schema version {version}; this version restores 1 to {supported}. The store is unchanged.</source>
        <translation>备份 {path} 的架构版本为 {version}；本版本只能恢复 1 到 {supported} 版。存储未被更改。</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Another program is writing to the store {path}; let it finish (or close it) and restore again. The store is unchanged.</source>
        <translation>另一个程序正在写入存储 {path}；请等它完成（或将其关闭）后再恢复。存储未被更改。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{path} is the store itself, not one of its backups.</source>
        <translation>{path} 是存储本身，不是它的备份。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The store {path} is too damaged for SQLite to write the backup into it ({error}). Close IoTFin, move the store file away, and copy the backup {backup} in its place.</source>
        <translation>存储 {path} 损坏过于严重，SQLite 无法将备份写入其中（{error}）。请关闭 IoTFin，将存储文件移走，再把备份 {backup} 复制到原位置。</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Compacting the store</source>
        <extracomment>SQLite&apos;s result codes SQLITE_BUSY and SQLITE_LOCKED (named by the sqlite3 module only from Python 3.11 on).</extracomment>
        <translation>正在压缩存储</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Restoring the backup {name}</source>
        <translation>正在恢复备份 {name}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/leftovers.py" line="+48"/>
        <source>Removed {count} model file(s) that no run records, left by a training that was stopped before it finished: {files}</source>
        <translation>已删除 {count} 个没有任何运行记录的模型文件（训练在完成前被中止时留下）：{files}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed {count} unfinished output file(s) left by an export or report that was stopped before it finished: {files}</source>
        <translation>已删除 {count} 个未写完的输出文件（导出或报告在完成前被中止时留下）：{files}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed {count} unfinished dataset folder(s) left by an import that was stopped before it finished: {files}</source>
        <translation>已删除 {count} 个未完成的数据集文件夹，它们由中途停止的导入留下：{files}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed {count} unfinished backup file(s) or folder(s) left by a backup that was stopped before it finished: {files}</source>
        <translation>已删除 {count} 个未完成的备份文件或文件夹，它们来自一次中途停止的备份：{files}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not remove the files a stopped job left behind: {error}</source>
        <translation>无法删除被中止的任务留下的文件：{error}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/safe_format.py" line="+112"/>
        <location line="+15"/>
        <source>it is not a readable model file ({error})</source>
        <extracomment>Types trusted beyond skops&apos; defaults, each because a model of the app holds it. Libraries that importing skops would load through scikit-learn&apos;s array-API wrappers, and that no model of the app uses (see :func:`skops_io`). Leaf marker of scikit-learn&apos;s Tree (``sklearn.tree._tree.TREE_LEAF``).</extracomment>
        <translation>它不是可读取的模型文件（{error}）</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>it holds types IoTFin does not trust: {types}</source>
        <translation>其中包含 IoTFin 不信任的类型：{types}</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>a tree in it is malformed ({why})</source>
        <translation>其中的一棵树结构异常（{why}）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/reports/privacy.py" line="+267"/>
        <source>cannot mask, hash or keep {unknown}: no such column (the columns are {columns})</source>
        <extracomment>Text cells worth scanning: a run of 11 or more digits (spaces, dashes between) or an ``@``. Numbers worth scanning: 11 digits or more.</extracomment>
        <translation>无法脱敏、哈希或保留 {unknown}：没有这样的列（现有的列为 {columns}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{columns}: a column cannot be both kept as it is and masked or hashed</source>
        <translation>{columns}：同一列不能既保留原样又脱敏或哈希</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/signing.py" line="+73"/>
        <source>The signing key {path} may be read or changed by other users; IoTFin does not use it. Make it private (chmod 600) or delete it to create a new one (models signed with it then need retraining).</source>
        <extracomment>Bytes in a signature (HMAC-SHA256).</extracomment>
        <translation>签名密钥 {path} 可被其他用户读取或修改；IoTFin 不会使用它。请将其设为私有（chmod 600），或删除它以创建新密钥（之后用旧密钥签名的模型需要重新训练）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot read or create the signing key {path}: {error}</source>
        <translation>无法读取或创建签名密钥 {path}：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The signing key {path} is damaged (it should hold {size} bytes); delete it to create a new one (models signed with it then need retraining).</source>
        <translation>签名密钥 {path} 已损坏（应为 {size} 字节）；请删除它以创建新密钥（之后用旧密钥签名的模型需要重新训练）。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/store_files.py" line="+253"/>
        <source>{path} belongs to the open store {store}: IoTFin never reads, copies or replaces its own store&apos;s files except through SQLite, so that the store cannot be corrupted. Choose another file.</source>
        <extracomment>How the folders being written (a dataset&apos;s parts, a restore&apos;s, a backup&apos;s) start their name. The ``open`` flags that write into an existing file. Audit events that open, move, delete or truncate a file; the argument(s) holding paths. Of those, the events that would also take the store with them when given a folder above it.</extracomment>
        <translation>{path} 属于已打开的数据存储 {store}：IoTFin 只通过 SQLite 读取、复制或替换自己数据存储的文件，以免数据存储被损坏。请选择其他文件。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/trash.py" line="+1"/>
        <source>recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>{count} demo datasets</source>
        <extracomment>Starts the name a trashed dataset or recipe holds meanwhile (a character nobody types).</extracomment>
        <translation>{count} 个演示数据集</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>#{run} {title}</source>
        <translation>#{run} {title}</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>There is no entry {id} in the trash.</source>
        <translation>回收站中没有第 {id} 项。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/models/sharing.py" line="+54"/>
        <source>Run {run}&apos;s model holds objects the safe format cannot store (for example a recipe&apos;s outlier clipping step), so it is kept as a file only your IoTFin loads; it cannot be exported.</source>
        <extracomment>Largest member read from an export file (bytes, uncompressed).</extracomment>
        <translation>运行 {run} 的模型包含安全格式无法存储的对象（例如配方中的异常值截断步骤），因此只保存为仅您的 IoTFin 可加载的文件；无法导出。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{file} cannot be imported: {reason}.</source>
        <translation>无法导入 {file}：{reason}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it is not an IoTFin model export (it holds {names})</source>
        <translation>它不是 IoTFin 导出的模型（其中包含 {names}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a part of it is too large</source>
        <translation>其中某一部分过大</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is not a readable model export ({error})</source>
        <translation>它不是可读取的模型导出文件（{error}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>its run.json is not valid JSON ({error})</source>
        <translation>其中的 run.json 不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its run.json is not of the format {format}</source>
        <translation>其中的 run.json 不是 {format} 格式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the model does not match the SHA-256 in run.json (the file is damaged or was changed)</source>
        <translation>模型与 run.json 中的 SHA-256 不符（文件已损坏或被更改）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>its metrics are malformed</source>
        <translation>其中的指标格式不正确</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the model does not match its run.json</source>
        <translation>模型与其 run.json 不一致</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its evaluation.json is not valid JSON</source>
        <translation>其中的 evaluation.json 不是有效的 JSON</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{model} imported from {file}</source>
        <translation>从 {file} 导入的 {model}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/cashplan/backtest.py" line="+51"/>
        <source>Plan (re-planned daily)</source>
        <extracomment>Headrooms the calibration tries: fill to the cycle&apos;s need, or up to capacity. The internal probabilities the calibration searches between. How close to the target (share of cycles) a calibrated service counts as on it.</extracomment>
        <translation>计划（每日重新规划）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixed rule (Mon-Fri, 90% quantile)</source>
        <translation>固定规则（周一至周五，90% 分位数）</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>This forecast has no backtest forecasts (a reopened run); run the forecast again to backtest the plan.</source>
        <translation>此预测没有回测预测（为重新打开的运行）；请重新运行预测以回测计划。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No backtest window has {count} earlier error paths to draw its demand from; run the forecast with more backtest origins or ATMs.</source>
        <translation>没有哪个回测窗口拥有 {count} 条更早的误差路径可供抽取需求；请用更多回测起点或更多 ATM 运行预测。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/cashplan/demand.py" line="+89"/>
        <source>The forecast&apos;s backtest left only {count} residual path(s); a plan needs at least 10 (add history or backtest origins).</source>
        <extracomment>Residual paths kept as scenarios (a seeded sample when the backtest has more). Residuals a series needs before its own spread counts as much as the fleet&apos;s. The fewest residual paths a demand model is made from.</extracomment>
        <translation>预测回测只留下 {count} 条残差路径；规划至少需要 10 条（请增加历史数据或回测起点）。</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>This forecast has no backtest residuals to plan from; run it again.</source>
        <translation>此预测没有可用于规划的回测残差；请重新运行。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/cashplan/routes.py" line="-117"/>
        <source>{value!r} is not allowed: {rule}</source>
        <extracomment>The whole-number settings&apos; allowed ranges (the window&apos;s spin boxes take them too).</extracomment>
        <translation>不允许 {value!r}：{rule}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a route needs a name</source>
        <translation>线路需要名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no spaces around a route&apos;s name</source>
        <translation>线路名称前后不能有空格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>at least one weekday</source>
        <translation>至少一个工作日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>0 to 14 days</source>
        <translation>0 到 14 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>a positive amount</source>
        <translation>正数金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an amount of 0 or more</source>
        <translation>0 或更大的金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 to 100000 notes</source>
        <translation>1 到 100000 张钞票</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the cassettes hold {capacity}, less than one bundle of {bundle} ({notes} notes of {denomination}), so no fill would fit; lower the notes per bundle or raise the capacity</source>
        <translation>钞箱容量为 {capacity}，少于一捆的金额 {bundle}（{notes} 张面额 {denomination} 的钞票），任何加钞都装不下；请减少每捆张数或提高容量</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>an annual rate from 0% to 100%</source>
        <translation>0% 到 100% 的年利率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 to 60 days</source>
        <translation>1 到 60 天</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>cannot read {value!r} as a date (write 2026-12-25)</source>
        <translation>无法将 {value!r} 读取为日期（请写成 2026-12-25）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>no visit days in {value!r} (write e.g. Mon-Fri)</source>
        <translation>{value!r} 中没有上门日（请写成例如 Mon-Fri）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{value!r} is not a weekday (Mon ... Sun or 1 ... 7)</source>
        <translation>{value!r} 不是星期几（Mon……Sun 或 1……7）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{value!r} is not a whole number</source>
        <translation>{value!r} 不是整数</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the file is neither UTF-8 nor GB18030 text</source>
        <translation>该文件既不是 UTF-8 也不是 GB18030 文本</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../../iotfin_gui/core/input_files.py" line="+36"/>
        <location line="+23"/>
        <source>cannot read the file: {reason}</source>
        <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the file is over 5 MB; a route table is a few rows</source>
        <translation>文件超过 5 MB；线路表只需几行</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+44"/>
        <source>not a readable CSV table: {reason}</source>
        <translation>不是可读取的 CSV 表：{reason}</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>the text is empty</source>
        <translation>文本为空</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the row has {count} cells, more than the header&apos;s {columns}</source>
        <translation>该行有 {count} 个单元格，多于表头的 {columns} 个</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the table has no &apos;route&apos; column (columns: {columns})</source>
        <translation>该表没有 &apos;route&apos; 列（列：{columns}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown column(s) {columns}; the columns are {known}</source>
        <translation>未知列 {columns}；可用列为 {known}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>column {column!r} appears twice</source>
        <translation>列 {column!r} 出现了两次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the table has no routes</source>
        <translation>该表没有线路</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>route {route!r} appears twice</source>
        <translation>线路 {route!r} 出现了两次</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>routes {first!r} and {second!r} both take every other ATM; list the ATMs of one</source>
        <translation>线路 {first!r} 和 {second!r} 都设为包含其余所有 ATM；请为其中一条列出 ATM</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ATM {atm!r} is on route {first!r} (row {row}) and on this one</source>
        <translation>ATM {atm!r} 已在线路 {first!r}（第 {row} 行）中，又出现在本线路中</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>ATM id {atm!r} cannot be written in a route file (it has a &apos;;&apos;, surrounding spaces or is &apos;*&apos;)</source>
        <translation>ATM 编号 {atm!r} 无法写入线路文件（含有“;”、前后有空格或为“*”）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/cashplan/inputs.py" line="+90"/>
        <source>ATM {atm!r} holds {capacity} in its cassettes, less than one bundle of {bundle} ({notes} notes of {denomination}), so no fill would fit ({count} ATM(s) of the route too small); lower the notes per bundle or the note value</source>
        <translation>ATM {atm!r} 的钞箱容量为 {capacity}，少于一捆的金额 {bundle}（{notes} 张面额 {denomination} 的钞票），任何加钞都装不下（该线路共有 {count} 台 ATM 容量不足）；请减少每捆张数或券别面额</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>ATM {atm!r} is on no route; add it to a route or add a route for every other ATM</source>
        <translation>ATM {atm!r} 不属于任何线路；请将其加入某条线路，或添加一条包含其余所有 ATM 的线路</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No cassette capacity for {count} ATM(s) (e.g. {example}); set it for the route or import a device registry.</source>
        <translation>{count} 台 ATM 没有钞箱容量（例如 {example}）；请在线路中设置或导入设备台账。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>route {route!r}</source>
        <translation>线路 {route!r}</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/options.py" line="-42"/>
        <source>a whole number from {low} to {high}</source>
        <extracomment>Largest id SQLite stores (a signed 64-bit integer); a bigger one cannot name any row. Largest seed: what numpy and scikit-learn accept that a Qt spin box can also hold.</extracomment>
        <translation>{low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a number between {low} and {high} (both excluded)</source>
        <translation>{low} 与 {high} 之间的数（不含两端）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a number above {low}, at most {high}</source>
        <translation>大于 {low}、不超过 {high} 的数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number from {low} to {high}</source>
        <translation>{low} 到 {high} 之间的数</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{option} {value} is out of range: {range} ({meaning}).</source>
        <translation>{option} {value} 超出范围：应为{range}（{meaning}）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>hours left out before each scored fold</source>
        <translation>每个评分折之前留出的小时数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cross-validation folds</source>
        <translation>交叉验证折数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>repeats of the cross-validation</source>
        <translation>交叉验证的重复次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>folds of the search&apos;s inner cross-validation</source>
        <translation>搜索内层交叉验证的折数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>days ahead</source>
        <translation>预测天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backtest origins; origins x horizon must also fit in the history</source>
        <translation>回测起点数；起点数 × 预测天数还必须在历史范围内</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cassette capacity, in the amount&apos;s unit</source>
        <translation>钞箱容量，单位与金额相同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>probability of not running out between visits</source>
        <translation>两次补钞之间不缺钞的概率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>workbook row of the column names</source>
        <translation>工作簿中列名所在的行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>segment of the topic; negative counts from the end</source>
        <translation>主题中的段号；负数从末尾数起</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cores for the job</source>
        <translation>任务可用的核心数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a run id</source>
        <translation>运行编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an import id</source>
        <translation>导入编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a recipe version</source>
        <translation>配方版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a trash entry id</source>
        <translation>回收站条目编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a training run id</source>
        <translation>训练运行编号</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>--delimiter {value!r} must be one character (\t for a tab).</source>
        <extracomment>Every command&apos;s numeric options: command (with its action) -&gt; argparse dest -&gt; range.</extracomment>
        <translation>--delimiter {value!r} 必须是一个字符（制表符写作 	）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--cost-fp and --cost-fn are both 0: at least one error must cost something to choose a threshold.</source>
        <translation>--cost-fp 和 --cost-fn 都为 0：至少一种错误必须有代价，才能选择阈值。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>range: {range}</source>
        <translation>范围：{range}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A backtest of {origins} origin(s) at a horizon of {horizon} days needs at least {needed} days of history ({min_history} to learn from, then {origins} x {horizon}); the data span {days} days, so at most {fitting} origin(s) fit: lower the origins (--origins) or the horizon, or add history.</source>
        <translation>预测 {horizon} 天、{origins} 个起点的回测至少需要 {needed} 天历史（{min_history} 天用于学习，再加 {origins} × {horizon} 天）；数据只有 {days} 天，最多容纳 {fitting} 个起点：请减少起点数（--origins）或预测天数，或补充历史数据。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/recipes/estimate.py" line="+53"/>
        <source>about {rows:,} rows x {columns:,} columns, {memory} of memory</source>
        <translation>约 {rows:,} 行 × {columns:,} 列，占用内存 {memory}</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>This recipe would make {size}: more than the limit of {limit:,} columns (setting recipes.max_columns). Use fewer lags, windows or categories.</source>
        <translation>此配方将生成{size}：超过 {limit:,} 列的上限（设置项 recipes.max_columns）。请减少滞后、窗口或类别的数量。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This recipe would make {size}: more than the {limit} this run may use (setting recipes.max_memory_bytes, by default half the free memory). Use fewer lags, windows or categories, or filter the rows first.</source>
        <translation>此配方将生成{size}：超过本次运行可用的 {limit}（设置项 recipes.max_memory_bytes，默认为空闲内存的一半）。请减少滞后、窗口或类别的数量，或先筛选行。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/source_choice.py" line="+86"/>
        <source>The {slot} dataset {old!r} no longer exists; now using {new}.</source>
        <extracomment>The value of a slot the analyst chose to leave unused.</extracomment>
        <translation>所选的 {slot} 数据集 {old!r} 已不存在；现改用 {new}。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>There is no dataset {dataset!r} with an ATM, a time and an amount to forecast.</source>
        <translation>没有可预测的数据集 {dataset!r}（需要 ATM、时间和金额列）。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/today.py" line="+141"/>
        <source>Reading today&apos;s overview</source>
        <extracomment>An ATM whose cash lasts fewer days than this needs attention, whatever its status. A dataset whose newest row is older than this is stale. How many runs and imports the overview lists.</extracomment>
        <translation>正在读取今日概览</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/disk_space.py" line="+79"/>
        <source>The disk holding {folder} is full: {free} free of {total}, about {needed} needed. Free some space there (or move the store to another disk) and try again.</source>
        <extracomment>Below this many free bytes a disk counts as full (SQLite needs room for a page, a journal and its shared-memory file, and the file system for its own records).</extracomment>
        <translation>{folder} 所在的磁盘已满：共 {total}，剩余 {free}，约需 {needed}。请在该磁盘上腾出空间（或把数据库移到其他磁盘）后重试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The disk holding {folder} is full: {free} free of {total}. Free some space there (or move the store to another disk) and try again.</source>
        <translation>{folder} 所在的磁盘已满：共 {total}，剩余 {free}。请在该磁盘上腾出空间（或把数据库移到其他磁盘）后重试。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot write {path}: this process may not write a file larger than {limit} (the file-size limit, &apos;ulimit -f&apos;). Raise the limit (or ask your administrator to) and try again.</source>
        <translation>无法写入 {path}：此进程不能写入大于 {limit} 的文件（文件大小限制，&apos;ulimit -f&apos;）。请提高该限制（或请管理员提高）后重试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot write {path}: the file would be larger than the disk holding {folder} allows a file to be (a FAT32 USB stick holds at most 4 GB a file). Write it to another disk.</source>
        <translation>无法写入 {path}：该文件会超过 {folder} 所在磁盘允许的单个文件大小（FAT32 U 盘的单个文件最大 4 GB）。请写入其他磁盘。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/unpivot.py" line="+135"/>
        <source>the table is not wide: unpivoting needs a date column and one number column per device (named alike, e.g. NN5-001, NN5-002), or a device column and one number column per date.</source>
        <extracomment>The ``unpivot`` option that asks for the shape the file shows. Fewest value columns (devices or dates) for a table to count as wide. Device column names: a shared stem and a number (``NN5-001``, ``ATM 12``, ``T1``) or only digits.</extracomment>
        <translation>该表不是宽表：逆透视需要一个日期列加每台设备一个数值列（名称相似，如 NN5-001、NN5-002），或一个设备列加每个日期一个数值列。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown unpivot shape {shape!r}; use {shapes} or auto.</source>
        <translation>未知的逆透视形状 {shape!r}；请使用 {shapes} 或 auto。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/cluster.py" line="+79"/>
        <source>{address!r} is not a Dask scheduler address; write it as tcp://host:8786 (the scheduler prints it when it starts).</source>
        <extracomment>The store setting holding the window&apos;s cluster address (&quot;&quot; or absent: this machine only). Seconds to wait for the scheduler when connecting. An address: ``tcp://``, ``tls://`` or ``ws(s)://`` (or none), a host, a port.</extracomment>
        <translation>{address!r} 不是 Dask 调度器地址；请写成 tcp://host:8786 的形式（调度器启动时会打印该地址）。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Running on the cluster {address} needs the Dask &apos;distributed&apos; package: pip install &apos;iotfin-workstation[cluster]&apos;, or run without --cluster.</source>
        <translation>在集群 {address} 上运行需要 Dask 的 &apos;distributed&apos; 包：请执行 pip install &apos;iotfin-workstation[cluster]&apos;，或不带 --cluster 运行。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot reach the Dask scheduler at {address} ({error}); check that it runs and the address (e.g. tcp://host:8786), or run without --cluster.</source>
        <translation>无法连接位于 {address} 的 Dask 调度器（{error}）；请检查它是否在运行以及地址是否正确（例如 tcp://host:8786），或不带 --cluster 运行。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The cluster&apos;s worker(s) {workers} cannot see the store&apos;s data files (e.g. {path}), so the data is sent with each piece of the job; start the workers where the store&apos;s folder is mounted at the same path to let them read it themselves.</source>
        <translation>集群的工作节点 {workers} 看不到存储库的数据文件（例如 {path}），因此数据随任务的每个分片一起发送；请在以相同路径挂载存储库文件夹的机器上启动工作节点，让它们自行读取数据。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/cashplan/jobs.py" line="-5"/>
        <location line="+35"/>
        <source>The dataset of forecast run {run} was deleted.</source>
        <translation>预测运行 {run} 的数据集已被删除。</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>{dataset} has no cash-level column, so there is no cash now to plan from.</source>
        <extracomment>``holidays_country`` of :func:`replan`: the forecast run&apos;s own calendar.</extracomment>
        <translation>{dataset} 没有现金余额列，因此没有可用于规划的当前现金。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Plan ready</source>
        <translation>计划已就绪</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Preparing the replay windows</source>
        <translation>正在准备回放窗口</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Calibrating the plan to {level:.0%}</source>
        <translation>正在将计划校准到 {level:.0%}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replaying the plan and the fixed rule</source>
        <translation>正在回放计划和固定规则</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Policy backtest ready</source>
        <translation>策略回测已就绪</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/columnar.py" line="+53"/>
        <source>The rows of dataset {name} are missing ({path}). A store keeps them in the folder {folder} beside it: if the store was renamed or moved, rename or move that folder with it.</source>
        <extracomment>How a dataset is named in :func:`query` statements.</extracomment>
        <translation>数据集 {name} 的行数据缺失（{path}）。数据库把它们保存在同目录下的文件夹 {folder} 中：如果数据库被重命名或移动，请同时重命名或移动该文件夹。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/stored.py" line="+54"/>
        <source>This process cannot read the dataset file {path}: a cluster worker must see the store&apos;s folder at the same path as the app (a shared or mounted folder).</source>
        <extracomment>(name, logical type) of the columns read. The id, date and value columns.</extracomment>
        <translation>本进程无法读取数据集文件 {path}：集群工作节点必须在与应用相同的路径下看到数据存储的文件夹（共享或挂载的文件夹）。</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/forecast/partition.py" line="-5"/>
        <source>Backtest of series {first} to {last} of {count}</source>
        <translation>回测第 {first} 至 {last} 条序列（共 {count} 条）</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/core/ingest/html_tables.py" line="+137"/>
        <source>the HTML file holds no table (no &lt;table&gt; with cells).</source>
        <extracomment>At most this many columns or rows a ``colspan`` or ``rowspan`` may merge.</extracomment>
        <translation>该 HTML 文件中没有表格（没有含单元格的 &lt;table&gt;）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a tag or comment of the HTML file runs on for more than {megabytes} MB: this does not look like a table of data.</source>
        <translation>该 HTML 文件中的某个标签或注释长度超过 {megabytes} MB：这看起来不像数据表。</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <location filename="../../iotfin_gui/ui/panels/data.py" line="+82"/>
        <source>Delete dataset…</source>
        <extracomment>The job key of the overview jobs (per-day series, column summary) of the dataset shown.</extracomment>
        <translation>删除数据集…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a CSV, Excel, Parquet or JSON file (or drop one on this panel)</source>
        <translation>导入 CSV、Excel、Parquet 或 JSON 文件（也可将文件拖放到此面板）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Datasets&lt;/b&gt;</source>
        <translation>&lt;b&gt;数据集&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Over time</source>
        <translation>时间趋势</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+68"/>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="-67"/>
        <location line="+68"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Quarantine</source>
        <translation>隔离区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Load the demo fleet</source>
        <translation>加载演示设备群</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;h2&gt;No datasets yet&lt;/h2&gt;&lt;p&gt;The store is empty. Load the simulated demo fleet to explore the workstation, or import your own exports (CSV, Excel, Parquet, JSON).&lt;/p&gt;</source>
        <translation>&lt;h2&gt;暂无数据集&lt;/h2&gt;&lt;p&gt;数据存储为空。您可以加载模拟的演示设备群来熟悉本工作站，也可以导入您自己的导出文件（CSV、Excel、Parquet、JSON）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · %2 · %3 rows · created %4 (UTC)
%5
Roles: %6</source>
        <translation>%1 · %2 · %3 行 · 创建于 %4（UTC）
%5
角色：%6</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Quarantine (%1)</source>
        <translation>隔离区（%1）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Summarising %1</source>
        <translation>正在汇总 %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing</source>
        <translation>缺失数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Distinct</source>
        <translation>不同值数</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>%1: %2 per day</source>
        <translation>%1：每日%2</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+9"/>
        <source>Delete dataset</source>
        <translation>删除数据集</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Delete the dataset %1? It goes to the trash: Edit ▸ Undo or Edit ▸ Trash… bring it back until the trash is emptied.</source>
        <translation>删除数据集 %1？它会移入回收站：在清空回收站之前，可通过“编辑 ▸ 撤销”或“编辑 ▸ 回收站…”将其恢复。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export the rows set aside by the imports of this dataset</source>
        <translation>导出此数据集在导入时被隔离的行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export every row of this dataset</source>
        <translation>导出此数据集的全部行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>dataset %1</source>
        <translation>数据集 %1</translation>
    </message>
</context>
<context>
    <name>DateListEditor</name>
    <message>
        <location filename="../../iotfin_gui/ui/cashplan/route_editors.py" line="-38"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>DemoBanner</name>
    <message>
        <location filename="../../iotfin_gui/ui/main_window.py" line="+75"/>
        <source>&lt;b&gt;Demo data.&lt;/b&gt; You are looking at a simulated fleet of ATMs (not real machines). Import your own exports on the Data panel, or remove the demo.</source>
        <extracomment>The window&apos;s size at the first start, shrunk to the screen (a 1366x768 laptop included).</extracomment>
        <translation>&lt;b&gt;演示数据。&lt;/b&gt;您正在查看的是一个模拟的 ATM 设备群（并非真实机器）。请在“数据”面板导入您自己的导出数据，或移除演示数据。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove demo data</source>
        <translation>移除演示数据</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../iotfin_gui/ui/dialogs.py" line="-18"/>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换吗？</translation>
    </message>
</context>
<context>
    <name>EvaluationPlots</name>
    <message>
        <location filename="../../iotfin_gui/ui/models/evaluation_plots.py" line="+61"/>
        <source>Select a run and click Learning curve.</source>
        <extracomment>The evaluation tabs each task shows (keys of ``EvaluationPlots.pages``). Class selector entries that are not a class: every class&apos;s curve, or the macro average. The importance score per kind of run: what shuffling a column costs.</extracomment>
        <translation>请选择一个运行，然后单击“学习曲线”。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PR</source>
        <translation>PR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calibration</source>
        <translation>校准曲线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost vs threshold</source>
        <translation>成本与阈值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predicted vs actual</source>
        <translation>预测值与实际值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Residuals</source>
        <translation>残差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Elbow / silhouette</source>
        <translation>肘部法 / 轮廓系数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clusters (PCA)</source>
        <translation>簇（PCA）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cluster profiles</source>
        <translation>簇画像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feature importance</source>
        <translation>特征重要性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning curve</source>
        <translation>学习曲线</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Which one-vs-rest curves of the multiclass runs the ROC and PR tabs draw</source>
        <translation>选择 ROC 和 PR 选项卡为多分类运行绘制哪些一对其余曲线</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Classes in ROC and PR:</source>
        <translation>ROC 和 PR 中的类别：</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Only one class in the data.</source>
        <translation>数据中只有一个类别。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Every class</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Macro average</source>
        <translation>宏平均</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+11"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>%1 — macro average</source>
        <translation>%1 — 宏平均</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+1"/>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No precision-recall curves stored for these runs (trained before they were kept); train them again.</source>
        <translation>这些运行没有存储精确率-召回率曲线（它们训练于开始保存此类曲线之前）；请重新训练。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>One-vs-rest ROC per class</source>
        <translation>各类别一对其余 ROC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One-vs-rest precision-recall per class</source>
        <translation>各类别一对其余精确率-召回率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Macro-average ROC (one-vs-rest)</source>
        <translation>宏平均 ROC（一对其余）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Macro-average precision-recall (one-vs-rest)</source>
        <translation>宏平均精确率-召回率（一对其余）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ROC of class %1 against the rest</source>
        <translation>类别 %1 对其余类别的 ROC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision-recall of class %1 against the rest</source>
        <translation>类别 %1 对其余类别的精确率-召回率</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../iotfin_gui/ui/export_dialog.py" line="+123"/>
        <location line="+178"/>
        <source>Export to CSV</source>
        <extracomment>Personal-data handling choices: of a personal column, of free text with personal data in it. The folder the last export went to, offered first by the next one (this session only).</extracomment>
        <translation>导出为 CSV</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>&lt;b&gt;%1&lt;/b&gt;%2&lt;br&gt;&lt;span style=&apos;color: gray&apos;&gt;%3&lt;/span&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;%2&lt;br&gt;&lt;span style=&apos;color: gray&apos;&gt;%3&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Excel: UTF-8 with BOM</source>
        <translation>Excel：UTF-8（带 BOM）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain UTF-8 (no BOM)</source>
        <translation>纯 UTF-8（无 BOM）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel needs the BOM to read Chinese and other non-English text correctly</source>
        <translation>Excel 需要 BOM 才能正确读取中文及其他非英文文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comma ( , )</source>
        <translation>逗号（,）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Semicolon ( ; )</source>
        <translation>分号（;）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vertical bar ( | )</source>
        <translation>竖线（|）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Looks like</source>
        <translation>疑似类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In the file</source>
        <translation>写入方式</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Masked (138****5678)</source>
        <translation>脱敏（138****5678）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Masked inside the text</source>
        <translation>在文本内脱敏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hashed (same value → same code)</source>
        <translation>哈希（相同值 → 相同代码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept as is</source>
        <translation>保留原样</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Mask card numbers, mobile numbers, ID numbers and e-mail addresses found in the other columns</source>
        <translation>对其他列中发现的卡号、手机号、身份证号和电子邮箱进行脱敏</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>These columns look like personal data (hover for why):</source>
        <translation>这些列看起来含有个人数据（鼠标悬停可查看原因）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No column looks like personal data.</source>
        <translation>没有列看起来含有个人数据。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Kept as they are: %1.</source>
        <translation>保留原样：%1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Card, mobile and ID numbers and e-mail addresses in the other columns are left as they are.</source>
        <translation>其他列中的卡号、手机号、身份证号和电子邮箱将保持原样。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Make sure the file may leave the bank.</source>
        <translation>请确认该文件可以带出银行。</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>; values masked in other columns: %1</source>
        <translation>；其他列中被脱敏的值：%1</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>Personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>CSV files</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose a file to export to.</source>
        <translation>请选择要导出到的文件。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Replace the file?</source>
        <translation>要替换该文件吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not exported: the file was left as it is.</source>
        <translation>未导出：文件保持不变。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exporting %1</source>
        <translation>正在导出 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 (masked)</source>
        <translation>%1（脱敏）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (hashed)</source>
        <translation>%1（哈希）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no column masked</source>
        <translation>未脱敏任何列</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>; card numbers were not searched for</source>
        <translation>；未检索卡号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Exported %1 rows&lt;/b&gt; to %2&lt;br&gt;Personal data: %3.</source>
        <translation>&lt;b&gt;已导出 %1 行&lt;/b&gt;至 %2&lt;br&gt;个人信息：%3。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The export failed; no file was written.</source>
        <translation>导出失败，未写入任何文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../../iotfin_gui/ui/file_dialogs.py" line="+38"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>Fleet</name>
    <message>
        <location filename="../../iotfin_gui/ui/fleet_plots.py" line="+66"/>
        <source>longitude</source>
        <extracomment>Display order (best first) for tiles, legends and filters. The status timeline&apos;s row axis at its narrowest (``ATM-0001``-like ids).</extracomment>
        <translation>经度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 of %2 ATMs have no coordinates: import a device registry with their latitude and longitude to place them.</source>
        <translation>%2 台 ATM 中有 %1 台没有坐标：请导入包含其纬度和经度的设备登记表，以便在地图上显示它们。</translation>
    </message>
    <message>
        <location line="+142"/>
        <location filename="../../iotfin_gui/ui/panels/fleet.py" line="+806"/>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../iotfin_gui/ui/panels/fleet.py" line="+2"/>
        <source>per day</source>
        <translation>每日</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>cash level</source>
        <translation>现金余额</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>replenishment</source>
        <translation>加钞</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fault</source>
        <translation>故障</translation>
    </message>
</context>
<context>
    <name>FleetPanel</name>
    <message>
        <location filename="../../iotfin_gui/ui/panels/fleet.py" line="-472"/>
        <source>Replay the fleet at any moment of the period</source>
        <extracomment>A window of fleet data was read and shown (the :class:`FleetWindow`). The status at a moment is shown (the :class:`FleetStatus`). The selected ATM&apos;s history is plotted (its device id). Reading the fleet failed; the message is in the empty state.</extracomment>
        <translation>回放该时段内任一时刻的设备群状态</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the latest data time</source>
        <translation>回到最新数据时刻</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>last %n day(s)</source>
        <translation>
            <numerusform>最近 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Filter by ATM, branch, city or reason</source>
        <translation>按 ATM、网点、城市或原因筛选</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any problem</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selected ATM</source>
        <translation>所选 ATM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Reading the fleet data…</source>
        <translation>正在读取设备群数据…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Fleet</source>
        <translation>设备群</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;h2&gt;Fleet status&lt;/h2&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Here you will see every ATM&apos;s status (OK, low cash, fault, offline) by explicit rules, replay any moment of the last days, and follow one ATM&apos;s cash and telemetry.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;设备群状态&lt;/h2&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;在这里，您可以查看按明确规则判定的每台 ATM 的状态（正常、现金不足、故障、离线），回放最近几天内的任一时刻，并跟踪单台 ATM 的现金和遥测数据。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reading the fleet status</source>
        <translation>正在读取设备群状态</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Fleet data: %1 from %2</source>
        <translation>设备群数据：%1 来自 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not used</source>
        <translation>不使用</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Fleet panel: %1</source>
        <translation>设备群面板：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&lt;b&gt;Status timeline&lt;/b&gt;, %1 to %2 (every %3; drag the dashed line to replay)</source>
        <translation>&lt;b&gt;状态时间线&lt;/b&gt;，%1 至 %2（间隔 %3；拖动虚线可回放）</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Fleet status at %1</source>
        <translation>%1 的设备群状态</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The status could not be computed: %1</source>
        <translation>无法计算状态：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>replay; latest data %1</source>
        <translation>回放；最新数据时间 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>latest data: the demo&apos;s simulated now</source>
        <translation>最新数据：演示的模拟当前时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>latest data</source>
        <translation>最新数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status as of %1 (%2)</source>
        <translation>截至 %1 的状态（%2）</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 of %2 ATMs</source>
        <translation>%1 / %2 台 ATM</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ATM</source>
        <translation>ATM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since (UTC)</source>
        <translation>状态起始（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cash %</source>
        <translation>现金 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days to cash-out</source>
        <translation>距现金耗尽天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last fault (UTC)</source>
        <translation>最近故障（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Reading the history of %1</source>
        <translation>正在读取 %1 的历史数据</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The history could not be read: %1</source>
        <translation>无法读取历史数据：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select an ATM in the table, map or timeline.</source>
        <translation>请在表格、地图或时间线中选择一台 ATM。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>at %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fleet rules saved: %1</source>
        <translation>设备群规则已保存：%1</translation>
    </message>
</context>
<context>
    <name>ForecastPanel</name>
    <message>
        <location filename="../../iotfin_gui/ui/panels/forecast.py" line="+145"/>
        <source>The withdrawals dataset to forecast; your choice is saved and a new import never replaces it</source>
        <extracomment>The currency of the outlook&apos;s amounts, as its data named it (``None``: unknown).</extracomment>
        <translation>要预测的取款数据集；您的选择会被保存，新的导入不会自动替换它</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>auto (best backtest)</source>
        <translation>自动（回测最优）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic (where the ATMs are)</source>
        <translation>自动（按 ATM 所在地）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>China</source>
        <translation>中国</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>England</source>
        <translation>英格兰</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic: the calendar of the country where the registry&apos;s ATMs stand, else of your language and region; the forecast warns when demand dips on days the calendar does not know</source>
        <translation>自动：使用设备台账中 ATM 所在国家的日历，否则使用您的语言和地区的日历；当需求在日历未包含的日子明显下降时，预测会给出警告</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run forecast</source>
        <translation>运行预测</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+199"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>Horizon</source>
        <translation>预测期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Show backtest forecasts</source>
        <translation>显示回测预测值</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+46"/>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Backtest scores</source>
        <translation>回测得分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replenishment plan</source>
        <translation>加钞计划</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cash plan</source>
        <extracomment>The Cash plan tab: the page in a scroll area, taller than a 1366x768 screen allows.</extracomment>
        <translation>现金计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&lt;h2&gt;Cash-demand forecast&lt;/h2&gt;&lt;p&gt;Choose a withdrawals dataset and run a forecast: every model is backtested on past data, the best one forecasts each ATM with 80% and 95% intervals, and you get the days to cash-out and a refill plan.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;现金需求预测&lt;/h2&gt;&lt;p&gt;选择一个取款数据集并运行预测：所有模型都会在历史数据上回测，由表现最好的模型为每台 ATM 生成带 80% 和 95% 区间的预测，并给出距现金耗尽天数和加钞计划。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Opening forecast run #%1</source>
        <translation>正在打开预测运行 #%1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Forecasting %1</source>
        <translation>正在预测 %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The forecast failed</source>
        <translation>预测失败</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Forecast run #%1 of %2, reopened from the store.</source>
        <translation>预测运行 #%1（%2），已从数据存储中重新打开。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: model &lt;b&gt;%2&lt;/b&gt;, horizon %3 days, run #%4. Backtest sMAPE %5%, MASE %6, 95% interval coverage %7.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：模型 &lt;b&gt;%2&lt;/b&gt;，预测期 %3 天，运行 #%4。回测 sMAPE %5%，MASE %6，95% 区间覆盖率 %7。</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>ATM</source>
        <translation>ATM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cash now</source>
        <translation>当前现金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days to cash-out</source>
        <translation>距现金耗尽天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Early (service level)</source>
        <translation>最早耗尽天数（按服务水平）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next refill</source>
        <translation>下次加钞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash read at</source>
        <translation>现金读数时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stale reading</source>
        <translation>读数过时</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The backtest forecasts are not stored with a run; run the forecast again to see them.</source>
        <translation>回测预测不随运行保存；如需查看，请重新运行预测。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Export the replenishment plan on screen</source>
        <translation>导出当前显示的加钞计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export this forecast run (every ATM and day with its intervals)</source>
        <translation>导出本次预测运行（每台 ATM 每天的预测值及其区间）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>run #%1, as shown</source>
        <translation>运行 #%1（按当前显示）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>run #%1</source>
        <translation>运行 #%1</translation>
    </message>
</context>
<context>
    <name>ForecastPlot</name>
    <message>
        <location line="-371"/>
        <source>%1% interval</source>
        <extracomment>The job key of both running and reopening a forecast: a run supersedes a pending reopen. The tables&apos; columns of amounts, shown with the data&apos;s currency.</extracomment>
        <translation>%1% 区间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>history</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>forecast (%1)</source>
        <translation>预测（%1）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Withdrawals (%1)</source>
        <translation>取款额（%1）</translation>
    </message>
</context>
<context>
    <name>FreshnessModel</name>
    <message>
        <location filename="../../iotfin_gui/ui/panels/today.py" line="+55"/>
        <source>No new rows for more than two days</source>
        <translation>超过两天没有新数据行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stale</source>
        <translation>已过时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>fresh</source>
        <translation>最新</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridEditor</name>
    <message>
        <location filename="../../iotfin_gui/ui/models/grid_editor.py" line="+90"/>
        <source>Search grid: %1</source>
        <translation>搜索网格：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Values to try</source>
        <translation>待尝试的取值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Values separated by commas, e.g. 0.1, 1, 10 or sqrt, 0.5; a list value in brackets, e.g. [64, 32]</source>
        <translation>取值之间用逗号分隔，例如 0.1, 1, 10 或 sqrt, 0.5；列表形式的取值放在方括号中，例如 [64, 32]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameters of %1: %2</source>
        <translation>%1 的参数：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add parameter</source>
        <translation>添加参数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove parameter</source>
        <translation>删除参数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON (advanced)</source>
        <translation>JSON（高级）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the same grid as JSON text</source>
        <translation>以 JSON 文本编辑同一个网格</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Each parameter with the values to try, e.g. C: 0.1, 1, 10.</source>
        <translation>每个参数及其待尝试的取值，例如 C：0.1, 1, 10。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Row %1: name the parameter of the values %2.</source>
        <translation>第 %1 行：请填写取值 %2 所属的参数名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the parameter is listed twice.</source>
        <translation>%1：该参数出现了两次。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: a value is missing (two commas in a row, or none at all).</source>
        <translation>%1：缺少取值（连续两个逗号，或没有任何取值）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: cannot read the value %2 (%3).</source>
        <translation>%1：无法读取取值 %2（%3）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The grid must be a JSON object of parameter names and lists of values.</source>
        <translation>网格必须是一个 JSON 对象，由参数名及其取值列表组成。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Not valid JSON (line %1, column %2): %3</source>
        <translation>JSON 无效（第 %1 行，第 %2 列）：%3</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <location filename="../../iotfin_gui/ui/help_browser.py" line="+57"/>
        <source>IoTFin Workstation user guide</source>
        <extracomment>The guide&apos;s pages, in reading order. The page F1 opens on each panel (a panel not listed opens the first page).</extracomment>
        <translation>IoTFin 工作站用户指南</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../iotfin_gui/ui/import_dialog.py" line="+95"/>
        <source>Data files</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a file</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Import data</source>
        <extracomment>The import succeeded; carries the core&apos;s summary (dataset, rows, quarantined, ...). An import attempt ended: &quot;imported&quot;, &quot;cancelled&quot;, &quot;failed&quot; or &quot;declined&quot;.</extracomment>
        <translation>导入数据</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Import</source>
        <extracomment>The number column whose decimal mark the dialog asks for now. The wide shape of the file (a column per ATM or per date), once a preview found it.</extracomment>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save as profile…</source>
        <translation>保存为导入配置…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remember how files like this one are read and mapped</source>
        <translation>记住此类文件的读取方式和列映射</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Profile:</source>
        <translation>导入配置：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How the file is read</source>
        <translation>文件读取方式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8（带 BOM）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GB18030 (Chinese)</source>
        <translation>GB18030（中文）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>GBK (Chinese)</source>
        <translation>GBK（中文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Big5 (Traditional Chinese)</source>
        <translation>Big5（繁体中文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift-JIS (Japanese)</source>
        <translation>Shift-JIS（日文）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>EUC-KR (Korean)</source>
        <translation>EUC-KR（韩文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-16</source>
        <translation>UTF-16</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Windows-1252 (Western)</source>
        <translation>Windows-1252（西欧）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latin-1 (Western European)</source>
        <translation>Latin-1（西欧）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+3"/>
        <location line="+2"/>
        <source>comma ,</source>
        <translation>逗号 ,</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>semicolon ;</source>
        <translation>分号 ;</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bar |</source>
        <translation>竖线 |</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>point .</source>
        <translation>句点 .</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>per column</source>
        <translation>逐列检测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>apostrophe &apos;</source>
        <translation>撇号 &apos;</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>First row holds the column names</source>
        <translation>首行为列名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One row per ATM and date (unpivot)</source>
        <translation>每台 ATM 每天一行（逆透视）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The table is wide: a column per ATM or a column per date. Unpivoted, it imports as device_id, date, value; empty cells stay missing values.</source>
        <translation>该表是宽表：每台 ATM 一列或每个日期一列。逆透视后按 device_id、date、value 导入；空单元格仍为缺失值。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delimiter:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decimal:</source>
        <translation>小数点：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thousands:</source>
        <translation>千位分隔：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose or type the file&apos;s text encoding, e.g. big5, shift_jis, euc_kr, gb18030, cp1252</source>
        <translation>选择或输入文件的文本编码，例如 big5、shift_jis、euc_kr、gb18030、cp1252</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sheet row that holds the column names; auto finds it past title rows, blank rows and merged cells</source>
        <translation>存放列名的工作表行；“自动”会跳过标题行、空行和合并单元格来查找</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header row:</source>
        <translation>表头行：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Which comes first in the dates?</source>
        <translation>日期中日和月哪个在前？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Day first (31/12/2024)</source>
        <translation>日在前（31/12/2024）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Month first (12/31/2024)</source>
        <translation>月在前（12/31/2024）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Which is the decimal mark?</source>
        <translation>哪个是小数点？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Point: 1,234.5</source>
        <translation>句点：1,234.5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comma: 1.234,5</source>
        <translation>逗号：1.234,5</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kind of data:</source>
        <translation>数据类型：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Parsed rows</source>
        <translation>解析结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As read</source>
        <translation>原始内容</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The time zone of times without one in the file; the store keeps UTC</source>
        <translation>文件中未标时区的时间按此时区解读；数据存储统一以 UTC 保存</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rows with the same device and time as another row</source>
        <translation>设备和时间与其他行相同的行</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/ui/quarantine_view.py" line="+25"/>
        <source>keep the first</source>
        <extracomment>More rows than an analyst reads on screen; the full list comes with the CSV export.</extracomment>
        <translation>保留第一条</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep the last</source>
        <translation>保留最后一条</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep none</source>
        <translation>全部不保留</translation>
    </message>
    <message>
        <location filename="../../iotfin_gui/ui/import_dialog.py" line="+6"/>
        <source>Dataset name:</source>
        <translation>数据集名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone of the file:</source>
        <translation>文件时区：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeated rows:</source>
        <translation>重复行：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The saved profile “%1” matches this file and was applied.</source>
        <translation>已保存的导入配置“%1”与此文件匹配，已自动应用。</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Previewing %1</source>
        <translation>正在预览 %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1, %2-compressed</source>
        <translation>%1，%2 压缩</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>looks garbled: choose</source>
        <translation>疑似乱码：请选择</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>detected, %1% sure</source>
        <translation>自动检测，把握 %1%</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The dates in %1 read both day-first and month-first. Which is it? Nothing is imported until you say.</source>
        <translation>%1 中的日期既可按日在前、也可按月在前解读。请指明是哪一种；确认之前不会导入任何数据。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CR/DR</source>
        <translation>贷/借（CR/DR）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>借/贷</source>
        <translation>借/贷</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>万/亿</source>
        <translation>万/亿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arabic digits</source>
        <translation>阿拉伯-印度数字</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Numbers read as %1</source>
        <translation>数字读作 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The numbers in %1 read both ways: 1,234 can be a thousand and more or one and a fraction. Which mark separates the decimals in this column? Nothing is imported until you say.</source>
        <translation>%1 中的数字两种读法都成立：1,234 可能是一千多，也可能是一点几。此列用哪个符号分隔小数？在您选择之前不会导入任何内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(%1 more column(s) to answer after this one.)</source>
        <translation>（此列之后还有 %1 列需要回答。）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The preview was cancelled.</source>
        <translation>预览已取消。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose a file to import.</source>
        <translation>请选择要导入的文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown time zone “%1”; use a name like Asia/Shanghai or UTC.</source>
        <translation>未知时区“%1”；请使用 Asia/Shanghai 或 UTC 这样的名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+4"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say whether the dates are day-first or month-first.</source>
        <translation>请指明日期是日在前还是月在前。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The text looks garbled in the detected encoding; choose the file&apos;s encoding.</source>
        <translation>按检测到的编码读取时文本像是乱码；请选择文件的编码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say which mark separates the decimals in the numbers.</source>
        <translation>请说明数字中用哪个符号分隔小数。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Give the dataset a name.</source>
        <translation>请为数据集命名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is already a dataset named “%1”; choose another name.</source>
        <translation>已存在名为“%1”的数据集，请另选名称。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Ready to import.</source>
        <translation>已准备好导入。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(guess from the file)</source>
        <translation>（根据文件自动判断）</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+10"/>
        <source>Save import profile</source>
        <translation>保存导入配置</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Profile name:</source>
        <translation>配置名称：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saved; it will be suggested for files named %1.</source>
        <translation>已保存；以后导入名为 %1 的文件时将推荐此配置。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Imported %1 rows into “%2”; %3 rows quarantined (see the Quarantine tab); %4 repeated rows.</source>
        <translation>已导入 %1 行到“%2”；%3 行被隔离（见“隔离区”选项卡）；%4 行重复。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>#%1 on %2 (UTC)</source>
        <translation>#%1（%2 UTC）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import again?</source>
        <translation>再次导入？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This exact file was imported before (%1). Import it again as another dataset?</source>
        <translation>完全相同的文件此前已导入过（%1）。是否作为另一个数据集再次导入？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was imported: the file was imported before.</source>
        <translation>未导入任何数据：该文件此前已导入过。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import cancelled; nothing was stored.</source>
        <translation>导入已取消，未保存任何数据。</translation>
    </message>
</context>
<context>
    <name>IntegerBox</name>
    <message>
        <location filename="../../iotfin_gui/ui/recipe_editor.py" line="+81"/>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <location filename="../../iotfin_gui/ui/status.py" line="+62"/>
        <source>Time since the job started and the estimated time left (from its progress so far)</source>
        <extracomment>How often the elapsed and remaining time are refreshed (ms). Rows shown at most; further jobs are counted on the last line. The title&apos;s width in pixels; longer titles are elided, whole on hover.</extracomment>
        <translation>任务已运行的时间和预计剩余时间（根据目前的进度估算）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop this job; nothing it wrote is kept</source>
        <translation>停止此任务；它写入的内容都不会保留</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <location filename="../../iotfin_gui/ui/jobs.py" line="+158"/>
        <source>Started: %1</source>
        <extracomment>Jobs replaced by a newer one with their key: their end is no news to the user.</extracomment>
        <translation>已开始：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Finished: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled: %1</source>
        <translation>已取消：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failed: %1: %2</source>
        <translation>失败：%1：%2</translation>
    </message>
</context>
<context>
    <name>JobStatusWidget</name>
    <message numerus="yes">
        <location filename="../../iotfin_gui/ui/status.py" line="+71"/>
        <source>and %n more job(s)</source>
        <translation>
            <numerusform>还有 %n 个任务</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leaderboard</name>
    <message>
        <location filename="../../iotfin_gui/ui/models/leaderboard.py" line="+87"/>
        <source>%1 (partial run)</source>
        <extracomment>Leaderboard metric columns per task, the ones analysts rank by first.</extracomment>
        <translation>%1（部分运行）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Predict on dataset…</source>
        <extracomment>The selected runs changed.</extracomment>
        <translation>对数据集预测…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning curve</source>
        <translation>学习曲线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retrain the selected run&apos;s model on growing shares of the training rows (background job)</source>
        <translation>用逐步增加比例的训练行重新训练所选运行的模型（后台任务）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a run to see its evaluation; select two (Ctrl+click) to compare them</source>
        <translation>选择一个运行以查看其评估结果；选择两个（Ctrl+单击）可进行比较</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>目标列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recipe</source>
        <translation>预处理方案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CV</source>
        <translation>交叉验证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>scores on all rows</source>
        <translation>基于全部行的得分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CV: mean ± standard deviation over the test folds</source>
        <translation>交叉验证：各测试折的均值 ± 标准差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Leaderboard&lt;/b&gt; — %1 %2 runs, best first (%3)</source>
        <translation>&lt;b&gt;排行榜&lt;/b&gt; — %1 个%2运行，最优者在前（%3）</translation>
    </message>
</context>
<context>
    <name>LogPane</name>
    <message>
        <location filename="../../iotfin_gui/ui/log_pane.py" line="+22"/>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../iotfin_gui/ui/main_window.py" line="+22"/>
        <source>IoTFin Workstation — %1</source>
        <extracomment>Emitted once the start-up work (demo loading, first panel content) is done.</extracomment>
        <translation>IoTFin Workstation — %1</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The store file</source>
        <translation>存储文件</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load demo fleet</source>
        <translation>加载演示设备群</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+146"/>
        <source>Remove demo data</source>
        <translation>移除演示数据</translation>
    </message>
    <message>
        <location line="-144"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Restore…</source>
        <translation>恢复备份(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Compact store</source>
        <translation>压缩存储(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Trash…</source>
        <translation>回收站(&amp;T)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About IoTFin Workstation</source>
        <translation>关于 IoTFin Workstation(&amp;A)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The new language is used from the next start of the workstation.</source>
        <translation>新语言将在工作站下次启动时生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface language set to %1; restart to apply it.</source>
        <translation>界面语言已设置为 %1，重启后生效。</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+19"/>
        <source>Loading the demo fleet</source>
        <translation>正在加载演示设备群</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Demo fleet loaded: %1 devices, %2 datasets</source>
        <translation>演示设备群已加载：%1 台设备，%2 个数据集</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>Removed %n demo datasets</source>
        <translation>
            <numerusform>已移除 %n 个演示数据集</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wait for the running jobs to finish (or cancel them), then restore.</source>
        <translation>请等待正在运行的任务完成（或将其取消）后再恢复。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+12"/>
        <source>Compacting the store</source>
        <translation>正在压缩存储</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Store compacted: %1 MB before, %2 MB after.</source>
        <translation>存储已压缩：压缩前 %1 MB，压缩后 %2 MB。</translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <location filename="../../iotfin_gui/ui/mapping_table.py" line="+59"/>
        <source>Column (import?)</source>
        <extracomment>The user changed something; the dialog previews again with :meth:`mapping`.</extracomment>
        <translation>列（是否导入？）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name in dataset</source>
        <translation>数据集中的名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time format</source>
        <translation>时间格式</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>How the times are written, e.g. ISO8601, %d/%m/%Y %H:%M, epoch_s, epoch_ms</source>
        <extracomment>Each column&apos;s number format (decimal mark, thousands), kept as the preview gave it.</extracomment>
        <translation>时间的书写格式，例如 ISO8601、%d/%m/%Y %H:%M、epoch_s、epoch_ms</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Day-first or month-first? Choose above.</source>
        <translation>日在前还是月在前？请在上方选择。</translation>
    </message>
</context>
<context>
    <name>ModelPlots</name>
    <message>
        <location filename="../../iotfin_gui/ui/model_plots.py" line="+48"/>
        <source>%1%</source>
        <extracomment>Line styles that tell overlaid runs apart when colours stand for classes. The most features the importance chart shows. The widest a feature name on the importance chart&apos;s axis grows (pixels; longer ones elided).</extracomment>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>False positive rate</source>
        <translation>误报率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>True positive rate</source>
        <translation>真正例率</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ROC curve</source>
        <translation>ROC 曲线</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Precision-recall curve</source>
        <translation>精确率-召回率曲线</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+178"/>
        <location line="+18"/>
        <source>Predicted</source>
        <translation>预测值</translation>
    </message>
    <message>
        <location line="-195"/>
        <location line="+176"/>
        <source>Actual</source>
        <translation>实际值</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>Confusion matrix at threshold %1 (out of fold): %2 %3</source>
        <translation>阈值 %1 下的混淆矩阵（折外预测）：%2 为 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Confusion matrix (out of fold, each fold at its own threshold, mean %1; train again to see it at the applied threshold)</source>
        <translation>混淆矩阵（折外预测，各折使用各自的阈值，平均 %1；重新训练可查看实际采用阈值下的结果）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mean predicted probability</source>
        <translation>平均预测概率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Observed share of positives</source>
        <translation>正例实际占比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calibration</source>
        <translation>校准曲线</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Threshold (probability of the positive class)</source>
        <translation>阈值（正类概率）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Average cost per case</source>
        <translation>每个样本的平均成本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cost vs threshold (false positive %1, false negative %2)</source>
        <translation>成本随阈值变化（误报 %1，漏报 %2）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>threshold applied %1</source>
        <translation>采用的阈值 %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Permutation feature importance</source>
        <translation>置换特征重要性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rise in %1 when the column is shuffled</source>
        <translation>打乱该列后 %1 的上升</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop in %1 when the column is shuffled</source>
        <translation>打乱该列后 %1 的下降</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No feature importance for this run.</source>
        <translation>本次运行没有特征重要性数据。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Training rows</source>
        <translation>训练行数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Learning curve</source>
        <translation>学习曲线</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Predicted vs actual (out of fold)</source>
        <translation>预测值与实际值（折外）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Residual (actual - predicted)</source>
        <translation>残差（实际值 - 预测值）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Residuals</source>
        <translation>残差</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>candidate</source>
        <translation>候选</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Inertia (elbow)</source>
        <translation>簇内平方和（肘部法）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inertia (elbow): not available</source>
        <translation>簇内平方和（肘部法）：不可用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Silhouette</source>
        <translation>轮廓系数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Silhouette: not available</source>
        <translation>轮廓系数：不可用</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Clusters in the first two principal components</source>
        <translation>前两个主成分上的簇</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>PC%1 (%2 of the variance)</source>
        <translation>PC%1（解释方差 %2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PC%1</source>
        <translation>PC%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fewer than two feature columns: no 2-D projection.</source>
        <translation>特征列少于两个，无法进行二维投影。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>noise (%1)</source>
        <translation>噪声（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cluster %2 (%1)</source>
        <translation>簇 %2（%1）</translation>
    </message>
</context>
<context>
    <name>ModelScores</name>
    <message>
        <location filename="../../iotfin_gui/ui/models/score_names.py" line="+20"/>
        <source>−RMSE</source>
        <extracomment>Two-class scores that depend on the decision threshold (flagged or not).</extracomment>
        <translation>−RMSE</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Threshold applied</source>
        <translation>采用的阈值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 at threshold (CV)</source>
        <translation>阈值下的 %1（交叉验证）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (CV)</source>
        <translation>%1（交叉验证）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (test rows)</source>
        <translation>%1（测试行）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (search CV)</source>
        <translation>%1（搜索交叉验证）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (inner %2 CV)</source>
        <translation>%1（内层 %2 交叉验证）</translation>
    </message>
</context>
<context>
    <name>ModelsPanel</name>
    <message>
        <location filename="../../iotfin_gui/ui/panels/models.py" line="+70"/>
        <source>Search</source>
        <extracomment>The most runs whose ROC and PR curves are overlaid. The plots of a run that go into its report, per task (keys of ``EvaluationPlots.pages``). The run summaries of a finished training (after the leaderboard was reloaded). The predict job&apos;s result (``frame``, ``dataset``, ``predict_run_id``). A learning curve was drawn (its DataFrame). The panel&apos;s main action, by the name the window&apos;s Run ▸ Run looks up.</extracomment>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+156"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Predictions</source>
        <translation>预测结果</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h2&gt;Models&lt;/h2&gt;&lt;p&gt;Choose a dataset, a target and the models on the left, and click Train. Every model is cross-validated against a baseline that learns nothing; the runs stay in the leaderboard, where you can compare them, look at their ROC curves, costs, errors or clusters, and apply one to new data.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;模型&lt;/h2&gt;&lt;p&gt;在左侧选择数据集、目标列和模型，然后单击“训练”。每个模型都会与一个不做任何学习的基线一起进行交叉验证；各次运行会保留在排行榜中，您可以在其中比较它们，查看 ROC 曲线、成本、误差或簇，并将某个模型应用于新数据。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>Training %n model(s)…</source>
        <translation>
            <numerusform>正在训练 %n 个模型…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>Trained %n model(s): runs %1.</source>
        <translation>
            <numerusform>已训练 %n 个模型：运行 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>Training cancelled; the %n model(s) that had finished were kept, marked partial.</source>
        <translation>
            <numerusform>训练已取消；已完成的 %n 个模型已保留，并标记为部分运行。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+141"/>
        <source>%1 Saved as dataset %2.</source>
        <translation>%1已保存为数据集 %2。</translation>
    </message>
    <message>
        <location line="-189"/>
        <source>Training models on %1</source>
        <translation>正在基于 %1 训练模型</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Training cancelled; no run was saved.</source>
        <translation>训练已取消，未保存任何运行。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The evaluation data cannot be read.</source>
        <translation>无法读取评估数据。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Compare (2)</source>
        <translation>比较（2）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Computing the learning curve of %1…</source>
        <translation>正在计算 %1 的学习曲线…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Learning curve of run #%1</source>
        <translation>运行 #%1 的学习曲线</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Learning curve of %1</source>
        <translation>%1 的学习曲线</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The learning curve failed</source>
        <translation>学习曲线计算失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Learning curve cancelled.</source>
        <translation>学习曲线已取消。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Predicting %1 with run #%2…</source>
        <translation>正在用运行 #%2 对 %1 进行预测…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Predictions of run #%1 on %2</source>
        <translation>运行 #%1 对 %2 的预测结果</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Predictions of run #%1 on %2: %3 rows.</source>
        <translation>运行 #%1 对 %2 的预测结果：%3 行。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Prediction failed: %1</source>
        <translation>预测失败：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prediction failed</source>
        <translation>预测失败</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Prediction cancelled.</source>
        <translation>预测已取消。</translation>
    </message>
</context>
<context>
    <name>NumberBox</name>
    <message>
        <location filename="../../iotfin_gui/ui/recipe_editor.py" line="+21"/>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <location filename="../../iotfin_gui/ui/cashplan/plan_view.py" line="+66"/>
        <source>Re-plan from today&apos;s cash</source>
        <translation>按今日现金重新规划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plans every ATM from its latest cash reading on the forecast shown, without forecasting again</source>
        <translation>根据每台 ATM 的最新现金读数，在当前显示的预测上规划，无需重新预测</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Visits&lt;/b&gt;</source>
        <translation>&lt;b&gt;上门&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Re-planning from forecast run #%1</source>
        <translation>正在根据预测运行 #%1 重新规划</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The plan failed</source>
        <translation>规划失败</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>ATM</source>
        <extracomment>The plan&apos;s columns of amounts, shown with the data&apos;s currency.</extracomment>
        <translation>ATM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Route</source>
        <translation>线路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order by</source>
        <translation>下单截止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Visit</source>
        <translation>上门日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill to</source>
        <translation>加钞至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash before</source>
        <translation>上门前现金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected load</source>
        <translation>预计加钞量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit cost</source>
        <translation>上门成本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Covers until</source>
        <translation>覆盖至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>No plan: %1</source>
        <translation>无计划：%1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>calibrated by the policy backtest</source>
        <translation>已由策略回测校准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not yet calibrated: run the policy backtest</source>
        <translation>尚未校准：请运行策略回测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 visits for %2 ATMs from forecast run #%3; internal probability %4 (%5).</source>
        <translation>根据预测运行 #%3，为 %2 台 ATM 安排 %1 次上门；内部概率 %4（%5）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stale cash readings: %1.</source>
        <translation>现金读数已过时：%1。</translation>
    </message>
</context>
<context>
    <name>PolicyView</name>
    <message>
        <location filename="../../iotfin_gui/ui/cashplan/policy_view.py" line="+38"/>
        <source>Backtest the plan</source>
        <extracomment>The backtest table&apos;s columns of amounts, shown with the data&apos;s currency.</extracomment>
        <translation>回测计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replays the forecast&apos;s backtest weeks day by day from full cassettes, re-planning every morning, next to the fixed rule (Monday to Friday, refill to capacity when cash is below the 90% quantile of demand until the next visit)</source>
        <translation>从满钞箱开始逐日回放预测的回测周，每天早上重新规划，并与固定规则对比（周一至周五，当现金低于至下次上门需求的 90% 分位数时加满）</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+19"/>
        <source>Fleet cash</source>
        <translation>全网现金</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>&lt;b&gt;Policy backtest&lt;/b&gt;</source>
        <translation>&lt;b&gt;策略回测&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The backtest forecasts are not stored with a run; run the forecast again to backtest the plan.</source>
        <translation>回测预测不随运行保存；请重新运行预测以回测计划。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Backtesting the cash plan</source>
        <translation>正在回测现金计划</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The policy backtest failed</source>
        <translation>策略回测失败</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target (%)</source>
        <translation>目标（%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal level</source>
        <translation>内部概率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Headroom</source>
        <translation>余量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Realised service (%)</source>
        <translation>实际服务水平（%）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stock-out days</source>
        <translation>缺钞天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cycles run dry</source>
        <translation>缺钞周期数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Visits</source>
        <translation>上门次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekend/holiday visits</source>
        <translation>周末/节假日上门</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean idle cash</source>
        <translation>平均闲置现金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Visit cost</source>
        <translation>上门成本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle cost</source>
        <translation>闲置成本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Penalty</source>
        <translation>罚金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total cost</source>
        <translation>总成本</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Realised service = share of the cycles between visits without a stock-out. The plan&apos;s settings were calibrated on these weeks and are used by later re-plans.</source>
        <translation>实际服务水平 = 两次上门之间未发生缺钞的周期所占比例。计划的设置已在这些周上校准，之后的重新规划将使用这些设置。</translation>
    </message>
</context>
<context>
    <name>PopupEditor</name>
    <message>
        <location filename="../../iotfin_gui/ui/cashplan/route_editors.py" line="-61"/>
        <source>Done</source>
        <extracomment>The largest amount a money box takes.</extracomment>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>PredictDialog</name>
    <message>
        <location filename="../../iotfin_gui/ui/models/predictions.py" line="+30"/>
        <source>Predict with run #%1</source>
        <translation>使用运行 #%1 进行预测</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the predictions as a dataset</source>
        <translation>将预测结果保存为数据集</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New dataset name</source>
        <translation>新数据集名称</translation>
    </message>
</context>
<context>
    <name>PredictionsView</name>
    <message>
        <location line="+16"/>
        <source>No predictions yet: select a run and click Predict on dataset…</source>
        <translation>暂无预测结果：请选择一个运行，然后单击“对数据集预测…”</translation>
    </message>
</context>
<context>
    <name>PreprocessPanel</name>
    <message>
        <location filename="../../iotfin_gui/ui/panels/preprocess.py" line="+119"/>
        <source>New</source>
        <extracomment>Milliseconds of quiet after an edit before the preview job starts. A preview that matches the recipe on screen was shown (the RecipePreview). The recipe on screen was validated: the message, or &quot;&quot; when it is valid. A run finished (its summary dict). A run failed or was cancelled (the message; empty when cancelled).</extracomment>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new, empty recipe</source>
        <translation>新建一个空白方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read a recipe JSON file and save it as the next version of its name</source>
        <translation>读取方案 JSON 文件，并保存为同名方案的下一个版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the saved version shown as a JSON file</source>
        <translation>将当前显示的已保存版本导出为 JSON 文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>recipe name</source>
        <translation>方案名称</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The column models predict; learned steps leave it unchanged</source>
        <translation>模型要预测的列；需学习的步骤不会改动此列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>what the recipe is for, what changed</source>
        <translation>方案用途、变更内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save version</source>
        <translation>保存版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit from this version</source>
        <translation>基于此版本编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make this old version editable; saving it adds a new version</source>
        <translation>使此旧版本可编辑；保存时将新增一个版本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipe</source>
        <translation>方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>目标列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No preview yet.</source>
        <extracomment>Whether ``message`` shows a problem (a validation or import error).</extracomment>
        <translation>尚无预览。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Changed and new columns: &lt;span style=&apos;color:#787878&apos;&gt;■ before&lt;/span&gt; &lt;span style=&apos;color:#1f77b4&apos;&gt;■ after&lt;/span&gt; the recipe</source>
        <translation>变更列和新增列：&lt;span style=&apos;color:#787878&apos;&gt;■ 应用方案前&lt;/span&gt; &lt;span style=&apos;color:#1f77b4&apos;&gt;■ 应用方案后&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Distributions</source>
        <translation>分布</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample rows (after)</source>
        <translation>样本行（处理后）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing values</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Save the result as dataset</source>
        <translation>将结果保存为数据集</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run on whole dataset</source>
        <translation>在整个数据集上运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Preprocess</source>
        <translation>预处理</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>(new recipe)</source>
        <translation>（新方案）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (v%2)</source>
        <translation>%1（v%2）</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+93"/>
        <source>unsaved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>v%1 — %2</source>
        <translation>v%1 — %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(dataset label)</source>
        <translation>（数据集的标签列）</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 (missing)</source>
        <translation>%1（不存在）</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Choose a dataset.</source>
        <translation>请选择数据集。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&lt;i&gt;The preview below is of the last valid recipe.&lt;/i&gt;</source>
        <translation>&lt;i&gt;下方预览基于最后一个有效的方案。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Version %1 of %2 is read-only; choose the latest version, or edit from this one to save it as a new version.</source>
        <translation>%2 的版本 %1 为只读；请选择最新版本，或基于此版本编辑并另存为新版本。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The recipe is valid. Saved as %1 version %2.</source>
        <translation>方案有效。已保存为 %1 版本 %2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The recipe is valid; unsaved changes.</source>
        <translation>方案有效；有未保存的更改。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Previewing…</source>
        <translation>正在预览…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previewing recipe on %1</source>
        <translation>正在 %1 上预览方案</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 row</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 column</source>
        <translation>%1 列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 columns</source>
        <translation>%1 列</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Preview failed: %1</source>
        <translation>预览失败：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;The preview failed: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;预览失败：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Before&lt;/b&gt; %1 × %2 → &lt;b&gt;after&lt;/b&gt; %3 × %4 (after includes the split column).</source>
        <translation>&lt;b&gt;处理前&lt;/b&gt; %1 × %2 → &lt;b&gt;处理后&lt;/b&gt; %3 × %4（处理后包含划分列）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Added: %1.</source>
        <translation>新增：%1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed: %1.</source>
        <translation>移除：%1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;i&gt;Preview of the first %1 rows.&lt;/i&gt;</source>
        <translation>&lt;i&gt;预览前 %1 行。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A run on the whole dataset: %1.</source>
        <translation>在整个数据集上运行：%1。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Missing before</source>
        <translation>处理前缺失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing after</source>
        <translation>处理后缺失</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows before</source>
        <translation>处理前行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows after</source>
        <translation>处理后行数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Columns added</source>
        <translation>新增列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Columns removed</source>
        <translation>移除列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Saved recipe %1 version %2</source>
        <translation>已保存方案 %1 版本 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import a recipe</source>
        <translation>导入方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipes (*.json);;All files (*)</source>
        <translation>方案 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The recipe was not imported: %1</source>
        <translation>方案未导入：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported %1 as version %2.</source>
        <translation>已将 %1 导入为版本 %2。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export the recipe</source>
        <translation>导出方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recipes (*.json)</source>
        <translation>方案 (*.json)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace the file?</source>
        <translation>替换该文件？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exported %1 version %2 to %3.</source>
        <translation>已将 %1 版本 %2 导出到 %3。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name the dataset to save the result as.</source>
        <translation>请为保存结果的数据集命名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A dataset named %1 already exists; choose another name.</source>
        <translation>已存在名为 %1 的数据集，请另选名称。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Running %1 v%2 on %3…</source>
        <translation>正在 %3 上运行 %1 v%2…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Running recipe %1 on %2</source>
        <translation>正在 %2 上运行方案 %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&lt;b&gt;Done&lt;/b&gt; in %1 s: %2 rows in, %3 out — train %4, test %5; %6 features</source>
        <translation>&lt;b&gt;完成&lt;/b&gt;，用时 %1 s：输入 %2 行，输出 %3 行 — 训练 %4，测试 %5；%6 个特征</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>target %1</source>
        <translation>目标列 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>saved as dataset &lt;b&gt;%1&lt;/b&gt; (run #%2)</source>
        <translation>已保存为数据集 &lt;b&gt;%1&lt;/b&gt;（运行 #%2）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The run was cancelled; nothing was saved.</source>
        <translation>运行已取消，未保存任何内容。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+10"/>
        <source>Fix the recipe first</source>
        <translation>请先修正方案</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>No changes to save</source>
        <translation>没有需要保存的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as the next version of this recipe</source>
        <translation>保存为此方案的下一个版本</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save the recipe first: a run records the version it used</source>
        <translation>请先保存方案：每次运行都会记录所用的版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply the saved version to every row of the dataset</source>
        <translation>将已保存的版本应用于数据集的每一行</translation>
    </message>
</context>
<context>
    <name>QuarantineView</name>
    <message>
        <location filename="../../iotfin_gui/ui/quarantine_view.py" line="+46"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value as read</source>
        <translation>原始值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No rows were set aside when this dataset was imported.</source>
        <translation>导入此数据集时没有行被隔离。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 rows were set aside; the first %2 are shown.</source>
        <translation>共有 %1 行被隔离，此处显示前 %2 行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 rows were set aside when this dataset was imported; they are not in the dataset.</source>
        <translation>导入此数据集时有 %1 行被隔离，这些行不在数据集中。</translation>
    </message>
</context>
<context>
    <name>RecipeEditor</name>
    <message>
        <location filename="../../iotfin_gui/ui/recipe_editor.py" line="+218"/>
        <source>Add step</source>
        <extracomment>The columns step ``index`` sees; set by the panel from the dataset and earlier steps.</extracomment>
        <translation>添加步骤</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move the step up (within its phase)</source>
        <translation>上移该步骤（在其阶段内）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move the step down (within its phase)</source>
        <translation>下移该步骤（在其阶段内）</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Add steps with &lt;b&gt;Add step&lt;/b&gt;: row steps first (filters, resampling, features), then at most one train/test split, then learned steps (scaling, encoding) fitted on the training rows only.</source>
        <translation>单击&lt;b&gt;添加步骤&lt;/b&gt;来添加步骤：先是行步骤（筛选、重采样、特征），然后最多一个训练/测试划分，最后是仅在训练行上拟合的学习型步骤（缩放、编码）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Step %1 (%2), parameter &apos;%3&apos;: %4</source>
        <translation>步骤 %1（%2），参数“%3”：%4</translation>
    </message>
</context>
<context>
    <name>ReportsPanel</name>
    <message>
        <location filename="../../iotfin_gui/ui/panels/reports.py" line="+140"/>
        <source>Build report…</source>
        <extracomment>Metrics shown as columns of the runs table, when a run has them (overall or backtest). Which runs a table&apos;s run choice offers: tables of forecast runs only list those.</extracomment>
        <translation>生成报告…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the run&apos;s CSVs, plots and a summary (Markdown, HTML, JSON) into a folder</source>
        <translation>将该运行的 CSV 文件、图表和摘要（Markdown、HTML、JSON）写入一个文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also as .zip</source>
        <translation>同时打包为 .zip</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Lineage of the selected run&lt;/b&gt;</source>
        <translation>&lt;b&gt;所选运行的数据血缘&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&lt;h2&gt;No runs yet&lt;/h2&gt;&lt;p&gt;Run a forecast first (Forecast panel): each run is listed here with its lineage, and you can build its report bundle. Tables can already be exported below.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;暂无运行&lt;/h2&gt;&lt;p&gt;请先运行一次预测（“预测”面板）：每个运行都会连同其数据血缘列在这里，并可生成其报告包。下方的表现在即可导出。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Export tables</source>
        <translation>导出表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recent exports</source>
        <translation>最近导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+67"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="-67"/>
        <location line="+129"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-129"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+146"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="-146"/>
        <location line="+129"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="-128"/>
        <location line="+130"/>
        <source>Started (UTC)</source>
        <translation>开始时间（UTC）</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Seconds</source>
        <translation>耗时（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sMAPE %</source>
        <translation>sMAPE %</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MASE</source>
        <translation>MASE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>95% coverage</source>
        <translation>95% 覆盖率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ROC AUC</source>
        <translation>ROC AUC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Runs&lt;/b&gt; (%1)</source>
        <translation>&lt;b&gt;运行&lt;/b&gt;（%1）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Needs a dataset: import one on the Data panel.</source>
        <translation>需要数据集：请在“数据”面板导入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs a run: run a forecast first.</source>
        <translation>需要运行：请先运行一次预测。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs an import.</source>
        <translation>需要先完成一次导入。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+13"/>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detail</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Masked</source>
        <translation>脱敏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The report will include the plot of this run shown on the %1 panel.</source>
        <translation>报告将包含“%1”面板上显示的此运行图表。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No panel shows this run&apos;s plots, so its report will have no images. Select the run in the Models panel&apos;s leaderboard to include its plots.</source>
        <translation>没有面板显示此运行的图表，因此报告中不会有图片。请在“模型”面板的排行榜中选中此运行，以便包含其图表。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No panel shows this run&apos;s plots, so its report will have no images. Open the run on the Forecast panel to include its plot.</source>
        <translation>没有面板显示此运行的图表，因此其报告将不含图片。请在“预测”面板中打开该运行，以便包含其图表。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Run #%1: %2</source>
        <translation>运行 #%1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message numerus="yes">
        <location line="+102"/>
        <source>with %n image(s)</source>
        <translation>
            <numerusform>含 %n 张图片</numerusform>
        </translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input data hash</source>
        <translation>输入数据哈希</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The run records no dataset.</source>
        <translation>该运行未记录数据集。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dataset %1 was deleted.</source>
        <translation>数据集 %1 已被删除。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2, %3 rows)</source>
        <translation>%1（%2，%3 行）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data hash</source>
        <translation>数据哈希</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported file</source>
        <translation>导入的文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 more per-model metrics are in the report.</source>
        <translation>报告中另有 %1 项按模型统计的指标。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Library versions</source>
        <translation>库版本</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Choose the folder to write the report in</source>
        <translation>选择写入报告的文件夹</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Replace the report?</source>
        <translation>要替换报告吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not built: the existing report was kept.</source>
        <translation>未生成：已保留现有报告。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Building the report of run #%1</source>
        <translation>正在生成运行 #%1 的报告</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>without images (no panel shows this run&apos;s plots)</source>
        <translation>不含图片（没有面板显示此运行的图表）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Building the report of run #%1 in %2, %3…</source>
        <translation>正在 %2 中生成运行 #%1 的报告，%3…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;b&gt;Report of run #%1 written&lt;/b&gt; to %2: %3 CSV files, %4, summary in Markdown, HTML and JSON.</source>
        <translation>&lt;b&gt;运行 #%1 的报告已写入&lt;/b&gt; %2：%3 个 CSV 文件，%4，以及 Markdown、HTML 和 JSON 格式的摘要。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>images: %1</source>
        <translation>图片：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no images</source>
        <translation>无图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zipped as %1.</source>
        <translation>已打包为 %1。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The report was not built.</source>
        <translation>未生成报告。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The report failed</source>
        <translation>报告生成失败</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report cancelled; nothing was written.</source>
        <translation>报告已取消，未写入任何内容。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Which dataset</source>
        <translation>选择数据集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Which run</source>
        <translation>选择运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which import</source>
        <translation>选择导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../iotfin_gui/ui/restore_dialog.py" line="+52"/>
        <location line="+46"/>
        <location line="+32"/>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Backups of %1 are taken before every delete, removal of the demo, emptying of the trash and upgrade. They are kept in %2.</source>
        <translation>每次删除、移除演示数据、清空回收站和升级之前，都会备份 %1。备份保存在 %2。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Taken (UTC)</source>
        <translation>备份时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There are no backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Bring the store back to the backup of %1 (%2)? Everything done since is replaced; the current state is backed up first.</source>
        <translation>将存储恢复到 %1 的备份（%2）？此后所做的一切都会被替换；当前状态会先备份。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Restoring a backup</source>
        <translation>正在恢复备份</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restored the backup %1; the state it replaced was too damaged to be backed up.</source>
        <translation>已恢复备份 %1；被替换的状态损坏过于严重，无法备份。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restored the backup %1; the state it replaced is saved as %2.</source>
        <translation>已恢复备份 %1；被替换的状态已保存为 %2。</translation>
    </message>
</context>
<context>
    <name>RouteDelegate</name>
    <message>
        <location filename="../../iotfin_gui/ui/cashplan/route_editors.py" line="+180"/>
        <source>registry</source>
        <extracomment>The fleet&apos;s ATM ids offered by the ATM picker.</extracomment>
        <translation>设备台账</translation>
    </message>
</context>
<context>
    <name>RoutesModel</name>
    <message>
        <location filename="../../iotfin_gui/ui/cashplan/routes_model.py" line="+39"/>
        <source>Mon</source>
        <extracomment>The columns holding amounts in the data&apos;s currency. The weekday names, Monday first, as the table and its editor show them.</extracomment>
        <translation>周一</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Route</source>
        <extracomment>Each setting&apos;s header.</extracomment>
        <translation>线路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ATMs</source>
        <translation>ATM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit days</source>
        <translation>上门日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CIT holidays</source>
        <translation>押运停运日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead time (days)</source>
        <translation>提前期（天）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note value</source>
        <translation>券别面额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes per bundle</source>
        <translation>每捆张数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Visit cost</source>
        <translation>上门成本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekend/holiday surcharge</source>
        <translation>周末/节假日附加费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Idle cash rate (a year)</source>
        <translation>闲置现金年利率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stock-out penalty</source>
        <translation>缺钞罚金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest interval (days)</source>
        <translation>最长间隔（天）</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Route %1, %2: %3</source>
        <extracomment>The fleet&apos;s ATMs and the registry&apos;s capacities, which the bundles must fit.</extracomment>
        <translation>线路 %1，%2：%3</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>all other ATMs</source>
        <translation>其余所有 ATM</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>registry</source>
        <translation>设备台账</translation>
    </message>
</context>
<context>
    <name>RoutesView</name>
    <message>
        <location filename="../../iotfin_gui/ui/cashplan/routes_view.py" line="+67"/>
        <source>Import routes…</source>
        <translation>导入线路…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A CSV with one row per route: route, atms, visit_days, cit_holidays, lead_days, capacity, denomination, notes_per_bundle, visit_cost, surcharge, idle_rate, stockout_penalty, max_interval</source>
        <translation>每条线路一行的 CSV：route、atms、visit_days、cit_holidays、lead_days、capacity、denomination、notes_per_bundle、visit_cost、surcharge、idle_rate、stockout_penalty、max_interval</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;b&gt;Routes&lt;/b&gt;</source>
        <translation>&lt;b&gt;线路&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Add route</source>
        <extracomment>The widest a column gets from its contents (a route of many ATMs lists them in its tooltip).</extracomment>
        <translation>添加线路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new route with the default settings; tick its ATMs</source>
        <translation>按默认设置新建一条线路；请勾选它的 ATM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove route</source>
        <translation>删除线路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected route</source>
        <translation>删除所选线路</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export routes…</source>
        <translation>导出线路…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+65"/>
        <source>Write the saved routes as a CSV that Import reads back</source>
        <translation>把已保存的线路写成 CSV，可再用“导入”读回</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the saved routes</source>
        <translation>回到已保存的线路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the routes in the store and make the plan again</source>
        <translation>把线路保存到存储中并重新生成计划</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The stored routes cannot be used: %1</source>
        <translation>已保存的线路无法使用：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Save or revert the edits first</source>
        <translation>请先保存或还原修改</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>(%n more problem(s))</source>
        <translation>
            <numerusform>（另有 %n 个问题）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unsaved changes.</source>
        <translation>有未保存的修改。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>Route %1</source>
        <translation>线路 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Back to the saved routes.</source>
        <translation>已回到保存的线路。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n route(s) saved.</source>
        <translation>
            <numerusform>已保存 %n 条线路。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import route settings</source>
        <translation>导入线路设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Not imported: %1</source>
        <translation>未导入：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n route(s) imported.</source>
        <translation>
            <numerusform>已导入 %n 条线路。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export route settings</source>
        <translation>导出线路设置</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Replace the file?</source>
        <translation>要替换该文件吗？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not exported: %1</source>
        <translation>未导出：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n route(s) exported to %1.</source>
        <translation>
            <numerusform>已将 %n 条线路导出到 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesEditor</name>
    <message>
        <location filename="../../iotfin_gui/ui/panels/fleet.py" line="-646"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> % of capacity</source>
        <translation> %（占容量）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> day(s) of demand</source>
        <translation> 天需求量</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>components, comma-separated</source>
        <translation>部件，以逗号分隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill in the default rules (Apply to use them)</source>
        <translation>填入默认规则（点击“应用”后生效）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Offline after no telemetry for</source>
        <translation>判为离线：无遥测达</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Low cash below</source>
        <translation>现金余额低于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low cash below amount</source>
        <translation>现金余额低于金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demand: mean of the last</source>
        <translation>需求量均值：最近</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use readings from the last</source>
        <translation>读数取自最近</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Faults to ignore</source>
        <translation>忽略的故障</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;How the status is decided&lt;/b&gt;</source>
        <translation>&lt;b&gt;状态判定方式&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <location filename="../../iotfin_gui/ui/models/search_view.py" line="+49"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Repeat</source>
        <translation>重复轮次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outer fold</source>
        <translation>外层折</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chosen parameters</source>
        <translation>选定的参数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 was not tuned: it was trained with its default parameters.</source>
        <translation>%1 未经调优：使用其默认参数训练。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: nested %2 search. Its leaderboard scores come from the outer folds; in each outer fold the search saw only that fold&apos;s training rows (inner CV %3; right: the parameters each outer fold chose). The saved model was tuned on all rows (left: its candidates, scored by the inner CV, so the best score is optimistic) and refitted on all rows.</source>
        <translation>%1：嵌套%2。其排行榜得分来自外层折；在每个外层折中，搜索只能看到该折的训练行（内层交叉验证：%3；右侧：各外层折选定的参数）。保存的模型在全部行上调优（左侧：其候选参数，由内层交叉验证评分，因此最佳得分偏乐观），并在全部行上重新拟合。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2 search, not nested (trained before nested searches): its scores come from the folds the search chose on, so they are optimistic.</source>
        <translation>%1：%2，非嵌套（训练于支持嵌套搜索之前）：其得分来自搜索选参所用的同一批折，因此偏乐观。</translation>
    </message>
</context>
<context>
    <name>SetupForm</name>
    <message>
        <location filename="../../iotfin_gui/ui/models/setup_form.py" line="+77"/>
        <source>Set-up</source>
        <extracomment>Models ticked when a task is chosen (besides the baseline, which is always trained). The task changed (its key).</extracomment>
        <translation>训练设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>目标列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Positive class</source>
        <translation>正类</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recipe</source>
        <translation>预处理方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models (the baseline is always trained)</source>
        <translation>模型（始终训练基线）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cross-validation</source>
        <translation>交叉验证</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>repeats</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folds</source>
        <translation>折数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random candidates</source>
        <translation>随机候选数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inner folds</source>
        <translation>内层折数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clustering</source>
        <translation>聚类</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The class the model flags: ROC AUC, precision, recall, the threshold and the costs are about this class</source>
        <translation>模型要标记的类别：ROC AUC、精确率、召回率、阈值和成本都针对这个类别</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Estimated from each model&apos;s measured cost on data of this size; models that would take long are not ticked by default</source>
        <translation>根据各模型在此规模数据上实测的开销估算；耗时较长的模型默认不勾选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit grid…</source>
        <translation>编辑网格…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the search grid of the highlighted model</source>
        <translation>编辑所选模型的搜索网格</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>none (defaults)</source>
        <translation>无（使用默认值）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A tuned model is scored by nested cross-validation: in every fold the search sees only that fold&apos;s training rows</source>
        <translation>调优后的模型通过嵌套交叉验证评分：在每一折中，搜索只能看到该折的训练行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Folds of the search inside each training fold (nested CV); each candidate is fitted this many times per fold</source>
        <translation>在每个训练折内部进行搜索时使用的折数（嵌套交叉验证）；每个候选在每折中都会拟合这么多次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cost: false pos.</source>
        <translation>成本：误报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>false neg.</source>
        <translation>漏报</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cost of flagging a good case (false positive)</source>
        <translation>将正常案例误标为异常的成本（误报）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost of missing a bad case (false negative)</source>
        <translation>漏掉异常案例的成本（漏报）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class weights</source>
        <translation>类别权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>balanced</source>
        <translation>平衡</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Always trained, so every model can be compared with one that learns nothing</source>
        <translation>始终训练，以便每个模型都能与一个不做任何学习的基线进行比较</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 (%2 rows)</source>
        <translation>%1（%2 行）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none: more than %1 classes</source>
        <translation>无：超过 %1 个类别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none: %1 classes (multiclass)</source>
        <translation>无：共 %1 个类别（多分类）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>chosen when training</source>
        <translation>训练时自动选择</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not used by this task</source>
        <translation>此任务不使用</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Scores, threshold and costs are about class %1.</source>
        <translation>得分、阈值和成本都针对类别 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default: %1, the usual code of the event to flag.</source>
        <translation>默认：%1，通常用来表示要标记事件的编码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default: %1, the class named like the event to flag.</source>
        <translation>默认：%1，名称表示要标记事件的类别。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default: %1, the rarer class.</source>
        <translation>默认：%1，较少见的类别。</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>Train runs %n model(s), about %1 on %2 core(s).</source>
        <translation>
            <numerusform>“训练”将运行 %n 个模型，在 %2 个核心上约需 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1  [grid edited]</source>
        <translation>%1  [已编辑网格]</translation>
    </message>
</context>
<context>
    <name>SourceBar</name>
    <message>
        <location filename="../../iotfin_gui/ui/source_bar.py" line="+42"/>
        <source>&lt;b&gt;Data:&lt;/b&gt;</source>
        <translation>&lt;b&gt;数据：&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The datasets this panel reads; your choice is saved in the store and a new import never replaces it on its own</source>
        <translation>此面板读取的数据集；您的选择保存在存储中，新的导入不会自行替换它</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>not used</source>
        <translation>不使用</translation>
    </message>
</context>
<context>
    <name>SourceNotice</name>
    <message>
        <location line="+28"/>
        <source>Use the new data</source>
        <translation>使用新数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+21"/>
        <source>Keep the current data</source>
        <translation>保留当前数据</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>New %1 data &lt;b&gt;%2&lt;/b&gt; was imported; this panel still shows &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>已导入新的%1数据 &lt;b&gt;%2&lt;/b&gt;；此面板仍显示 &lt;b&gt;%3&lt;/b&gt;。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>Sources</name>
    <message>
        <location line="-94"/>
        <source>Telemetry</source>
        <translation>遥测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawals</source>
        <translation>取款</translation>
    </message>
</context>
<context>
    <name>StatusTile</name>
    <message>
        <location filename="../../iotfin_gui/ui/panels/fleet.py" line="-59"/>
        <source>%1 of %2 ATMs; click to list them</source>
        <extracomment>Table order of statuses: the most urgent first. The status table&apos;s columns of amounts, shown with the data&apos;s currency. Above this time for one status computation, the slider recomputes in a job.</extracomment>
        <translation>%1 / %2 台 ATM；点击可列出这些 ATM</translation>
    </message>
</context>
<context>
    <name>TextBox</name>
    <message>
        <location filename="../../iotfin_gui/ui/recipe_editor.py" line="-364"/>
        <source>%1 is not a list of whole numbers such as 1, 7, 28</source>
        <translation>%1 不是整数列表（例如 1, 7, 28）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>is not valid JSON (%1)</source>
        <translation>不是有效的 JSON（%1）</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <location filename="../../iotfin_gui/ui/panels/today.py" line="+29"/>
        <source>Open in Fleet</source>
        <translation>在设备群中打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the selected ATM&apos;s status, cash and telemetry (or double-click it)</source>
        <translation>显示所选 ATM 的状态、现金和遥测（或双击该行）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open in Forecast</source>
        <translation>在预测中打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the selected ATM&apos;s cash-demand forecast</source>
        <translation>显示所选 ATM 的现金需求预测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>ATMs needing attention</source>
        <extracomment>(panel key &quot;fleet&quot; or &quot;forecast&quot;, device id): the analyst wants to see that ATM there. The overview was read and shown.</extracomment>
        <translation>需要关注的 ATM</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Latest runs and imports</source>
        <translation>最近的运行和导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data freshness</source>
        <translation>数据新鲜度</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reading today&apos;s overview…</source>
        <translation>正在读取今日概览…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;h2&gt;Today&lt;/h2&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Here you will see the ATMs that need attention, the latest runs and how fresh each dataset is.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;今日&lt;/h2&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;这里将显示需要关注的 ATM、最近的运行以及每个数据集的新鲜程度。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading today&apos;s overview</source>
        <translation>正在读取今日概览</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>ATM</source>
        <translation>ATM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since (UTC)</source>
        <translation>开始于 (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cash %</source>
        <translation>现金 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days to cash-out</source>
        <translation>距现金耗尽天数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>#</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Finished (UTC)</source>
        <translation>完成于 (UTC)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newest row (UTC)</source>
        <translation>最新数据行 (UTC)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Age</source>
        <translation>数据年龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;b&gt;No fleet status&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;没有设备群状态&lt;/b&gt;：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (the demo&apos;s simulated now)</source>
        <translation>（演示数据的模拟当前时间）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;%1 of %2 ATMs need attention&lt;/b&gt; as of %3 UTC%4 (problems, or cash for less than %5 days). Fleet data: %6.</source>
        <translation>截至 %3 UTC%4，&lt;b&gt;%2 台 ATM 中有 %1 台需要关注&lt;/b&gt;（有问题，或现金不足 %5 天）。设备群数据：%6。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>preprocessing</source>
        <translation>预处理</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>prediction</source>
        <translation>预测打分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <location filename="../../iotfin_gui/ui/trash_dialog.py" line="+39"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Undo delete of dataset %1</source>
        <translation>撤销删除数据集 %1(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo delete of run %1</source>
        <translation>撤销删除运行 %1(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo delete of recipe %1</source>
        <translation>撤销删除配方 %1(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo removal of %1</source>
        <translation>撤销移除 %1(&amp;U)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Restored from the trash: %1 %2</source>
        <translation>已从回收站恢复：%1 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(%1 is back as %2: its name had been taken.)</source>
        <translation>（%1 已恢复为 %2：原名称已被占用。）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleted (UTC)</source>
        <translation>删除时间（UTC）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Empty trash…</source>
        <translation>清空回收站(&amp;E)…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Deleted datasets, runs and recipes wait here until the trash is emptied. %1 entries.</source>
        <translation>已删除的数据集、运行和配方会保留在这里，直到清空回收站。共 %1 项。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The trash is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+10"/>
        <source>Empty trash</source>
        <translation>清空回收站</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Delete everything in the trash for good? The store is backed up first; File ▸ Restore… can bring that backup back.</source>
        <translation>永久删除回收站中的全部内容？存储会先备份；可通过“文件 ▸ 恢复备份…”找回该备份。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Trash emptied: %1 datasets, %2 runs, %3 recipe versions deleted.</source>
        <translation>回收站已清空：删除了 %1 个数据集、%2 个运行、%3 个配方版本。</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../iotfin_gui/ui/window_actions.py" line="+41"/>
        <source>&amp;Import…</source>
        <extracomment>The button that starts each panel&apos;s main job (Run ▸ Run, Ctrl+R). Panels with an export of their own (File ▸ Export…, Ctrl+E); the others go to Reports, which lists every table&apos;s export.</extracomment>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run the current panel&apos;s job</source>
        <translation>运行当前面板的任务(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel running jobs</source>
        <translation>取消正在运行的任务(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dask cluster…</source>
        <translation>Dask 集群(&amp;D)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;l)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Select what to export first.</source>
        <translation>请先选择要导出的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every table&apos;s export is listed on the Reports panel.</source>
        <translation>所有表的导出都列在报告面板上。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing to run on this panel now.</source>
        <translation>此面板目前没有可运行的任务。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelling the running jobs…</source>
        <translation>正在取消运行中的任务…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The log folder is %1</source>
        <translation>日志文件夹为 %1</translation>
    </message>
</context>
</TS>
