META
key;value
description;"Prueba; con punto y coma"
budget;1000
vote_type;approval
PROJECTS
project_id;cost;name
1;600;"Techo ""nuevo"""
2;500;"Dos
renglones"
c3;100.00;Bancas
VOTES
voter_id;vote
a;1,2
b; 2 , c3 ,2
c;

