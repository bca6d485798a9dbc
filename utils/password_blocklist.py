"""Passwords too common to accept, and patterns that are as easy to guess.

The list holds the passwords seen most in public breach statistics plus the Portuguese ones a
Brazilian plant would try first (senha, mudar, empresa names are site-specific and left to the
length rule). Comparison is case-insensitive.

A listed word with other digits or symbols at its end ("brasil2027", "senha2025!", "Admin#99")
is refused too: guessing tools try every listed word with years and numbers appended first, so
the list's "senha123" stands for the word "senha" with any ending.
"""

from __future__ import annotations

import re

_COMMON = """
123456 1234567 12345678 123456789 1234567890 12345678910 123123123 111111111 000000000
password password1 password12 password123 passw0rd p@ssw0rd p@ssword qwerty123 qwertyuiop
qwerty12 1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx abc12345 abcd1234 abcdefgh iloveyou
iloveyou1 sunshine princess football baseball superman batman123 trustno1 welcome1 welcome123
letmein1 letmein123 admin123 admin1234 administrator root1234 changeme changeme1 changeit
monkey123 dragon123 master123 shadow123 michael1 jennifer computer internet whatever
starwars 987654321 87654321 11111111 22222222 88888888 99999999 12341234 11223344 asdfghjk
asdfghjkl asdf1234 zxcvbnm1 zxcvbnm123 q1w2e3r4 q1w2e3r4t5 1a2b3c4d aa123456 a1b2c3d4
senha123 senha1234 senha12345 minhasenha mudar123 mudar1234 mudarsenha trocar123 trocarsenha
senhasenha brasil123 brasil2024 brasil2025 brasil2026 flamengo corinthians palmeiras
saopaulo vasco123 gremio123 santos123 cruzeiro fabrica123 producao operador operador1
operador123 supervisor supervisor1 supervisor123 usuario123 usuario1 teste123 teste1234
testando 123mudar mudar@123 senha@123 admin@123 admin@1234 shopfloor shopfloor1 shopfloor123
coletor123 coletor1 qualidade qualidade1 qualidade123 bemvindo bemvindo1 bemvindo123
""".split()

BLOCKLIST: frozenset[str] = frozenset(word.lower() for word in _COMMON)
# What follows a word when people "strengthen" it: digits (counts, years) and symbols.
_ENDING = re.compile(r"[\d\W_]+$")
# Stems shorter than this ("abc" of "abc12345") would refuse too much beyond the list.
STEM_MIN = 4


def _stem(word: str) -> str:
    """The word without the digits and symbols at its end ("senha@123" -> "senha")."""
    return _ENDING.sub("", word.lower())


# The listed words as words: each entry's stem, when it has letters enough to be a word.
STEMS: frozenset[str] = frozenset(
    stem for stem in map(_stem, BLOCKLIST) if len(stem) >= STEM_MIN and stem.isalpha())


def is_trivial_pattern(password: str) -> bool:
    """One repeated character, or a run of consecutive characters such as 'abcdefgh'/'98765432'."""
    if len(set(password)) <= 2:
        return True
    steps = {ord(b) - ord(a) for a, b in zip(password, password[1:])}
    return steps in ({1}, {-1})


def is_blocked(password: str) -> bool:
    return password.lower() in BLOCKLIST or is_trivial_pattern(password)


def is_listed_word_with_ending(password: str) -> bool:
    """A listed word with only digits or symbols added at its end ("flamengo2025")."""
    stem = _stem(password)
    return stem != password.lower() and stem in STEMS
