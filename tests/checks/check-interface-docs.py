#!/usr/bin/python3
"""The introspection XML is the interface's documentation: every method,
signal and property has a doc comment naming it, and every argument is
described in that comment as @name."""

import sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
root = ET.parse(path, parser).getroot()
problems = []
for interface in root.iter("interface"):
    previous = None
    for element in interface:
        if element.tag in ("method", "signal", "property"):
            name = element.get("name")
            doc = previous.text if previous is not None and previous.tag is ET.Comment else ""
            if f"{name}:" not in doc:
                problems.append(f"{element.tag} {name} has no doc comment")
            else:
                body = doc.split(f"{name}:", 1)[1]
                if len(body.strip()) < 20:
                    problems.append(f"{element.tag} {name}: documentation too thin")
                for arg in element.iter("arg"):
                    if f"@{arg.get('name')}:" not in body:
                        problems.append(f"{name}: argument {arg.get('name')} undocumented")
        previous = element
for problem in problems:
    print("FAIL:", problem)
if not problems:
    print("ok: every member and argument of the interface is documented")
sys.exit(1 if problems else 0)
