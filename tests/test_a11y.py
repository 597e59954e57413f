"""sitedocs.a11y (pure) and its hook on the real site: task-list checkboxes get a name."""

from __future__ import annotations

import re
from pathlib import Path

import markdown

from sitedocs.a11y import fix_html, label_task_checkboxes

ITEM = ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>'
        '<span class="task-list-indicator"></span></label> {text}</li>')


def render(md: str) -> str:
    return markdown.markdown(md, extensions=["pymdownx.tasklist"],
                             extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}})


def test_checkbox_gets_the_item_text_as_its_name() -> None:
    out = label_task_checkboxes("<ul>" + ITEM.format(text="LoRAを説明できるか") + "</ul>")
    assert '<input aria-label="LoRAを説明できるか" type="checkbox" disabled/>' in out


def test_markup_and_entities_in_the_item_become_plain_escaped_text() -> None:
    src = "<ul>" + ITEM.format(text='<code>a &lt;b&gt;</code> と <em>"c"</em>\n  の関係') + "</ul>"
    out = label_task_checkboxes(src)
    assert 'aria-label="a &lt;b&gt; と &quot;c&quot; の関係"' in out
    assert out.replace(' aria-label="a &lt;b&gt; と &quot;c&quot; の関係"', "") == src


def test_hostile_text_cannot_break_out_of_the_attribute() -> None:
    out = label_task_checkboxes("<ul>" + ITEM.format(text='&quot;&gt;&lt;img src=x onerror=alert(1)&gt;') + "</ul>")
    name = re.search(r'aria-label="([^"]*)"', out).group(1)
    assert "<" not in name and '"' not in name and "&lt;img" in name


def test_nested_list_text_is_not_part_of_the_parent_name() -> None:
    out = label_task_checkboxes(render("- [x] 親\n    - [ ] 子A\n    - 子B\n- [ ] 次"))
    names = re.findall(r'aria-label="([^"]*)"', out)
    assert names == ["親", "子A", "次"]


def test_loose_list_and_plain_lists_and_named_checkboxes() -> None:
    out = label_task_checkboxes(render("- [ ] 一つ目\n\n- [x] 二つ目\n"))
    assert re.findall(r'aria-label="([^"]*)"', out) == ["一つ目", "二つ目"]
    plain = "<ul><li><input type='checkbox'> not a task item</li></ul>"
    assert label_task_checkboxes(plain) == plain
    named = "<ul>" + ITEM.format(text="x").replace("<input ", '<input aria-label="既存" ') + "</ul>"
    assert label_task_checkboxes(named) == named
    assert fix_html("<p>no lists</p>") == "<p>no lists</p>"


def test_every_checkbox_of_the_real_site_has_a_name(real_site: Path) -> None:
    boxes = [m.group(1) for p in real_site.rglob("*.html")
             for m in re.finditer(r'<label class="task-list-control">\s*(<input[^>]*>)',
                                  p.read_text(encoding="utf-8"))]
    assert len(boxes) > 20  # the chapters' checklists
    assert all(re.search(r'aria-label="[^"]+"', b) for b in boxes), [b for b in boxes if "aria-label" not in b]
