"""Surveys: the questions the secretariat asks the network, the answers, and the reports made of them."""
