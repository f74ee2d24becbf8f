"""Attacks: placeholder until the dates/numbers utilities land."""

from __future__ import annotations


def find_attacks(ctx, claims):
    return []


def link_attacks(ctx, claims, attacks):
    return None
