/* The subcommands of the stance binary; each returns an exit status. */
#ifndef STANCE_COMMANDS_H
#define STANCE_COMMANDS_H

int st_cmd_features(int argc, char **argv);
int st_cmd_train(int argc, char **argv);
int st_cmd_predict(int argc, char **argv);
int st_cmd_eval(int argc, char **argv);
int st_cmd_info(int argc, char **argv);
int st_cmd_trend(int argc, char **argv);

#endif
