package dev.statefun.jakarta.smoke;

import dev.statefun.jakarta.TypeName;
import dev.statefun.jakarta.types.Type;
import dev.statefun.jakarta.types.Types;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of a command list: a compact binary encoding, typename {@value #TYPE_NAME}. The
 * function and the test's generator share it.
 */
final class Commands {
  static final String TYPE_NAME = "dev.statefun.smoke/commands";
  static final Type<List<Command>> TYPE = Types.custom(TypeName.parse(TYPE_NAME), Commands::encode, Commands::decode);

  private static final int INC = 1;
  private static final int SEND = 2;
  private static final int SEND_AFTER = 3;
  private static final int SEND_AFTER_WITH_TOKEN = 4;
  private static final int CANCEL = 5;
  private static final int EMIT = 6;
  private static final int VERIFY = 7;
  private static final int LEAK = 8;

  private Commands() {}

  static byte[] encode(List<Command> commands) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out, commands);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static List<Command> decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      List<Command> commands = read(in);
      if (in.available() > 0) {
        throw new IllegalArgumentException(in.available() + " trailing bytes after the commands");
      }
      return commands;
    } catch (IOException e) {
      throw new IllegalArgumentException("Not a command list: " + e, e);
    }
  }

  private static void write(DataOutputStream out, List<Command> commands) throws IOException {
    out.writeShort(commands.size());
    for (Command command : commands) {
      if (command instanceof Command.Inc inc) {
        out.writeByte(INC);
        out.writeInt(inc.amount());
        out.writeLong(inc.nonce());
      } else if (command instanceof Command.Send send) {
        out.writeByte(SEND);
        out.writeUTF(send.target());
        write(out, send.body());
      } else if (command instanceof Command.SendAfter send) {
        out.writeByte(SEND_AFTER);
        out.writeInt(send.delayMillis());
        out.writeUTF(send.target());
        write(out, send.body());
      } else if (command instanceof Command.SendAfterWithToken send) {
        out.writeByte(SEND_AFTER_WITH_TOKEN);
        out.writeInt(send.delayMillis());
        out.writeUTF(send.target());
        out.writeUTF(send.token());
        write(out, send.body());
      } else if (command instanceof Command.Cancel cancel) {
        out.writeByte(CANCEL);
        out.writeUTF(cancel.token());
      } else if (command instanceof Command.Emit emit) {
        out.writeByte(EMIT);
        out.writeUTF(emit.tag());
      } else if (command instanceof Command.Verify verify) {
        out.writeByte(VERIFY);
        out.writeInt(verify.round());
      } else if (command instanceof Command.Leak leak) {
        out.writeByte(LEAK);
        out.writeUTF(leak.token());
      } else {
        throw new IllegalArgumentException("Unknown command " + command);
      }
    }
  }

  private static List<Command> read(DataInputStream in) throws IOException {
    int size = in.readUnsignedShort();
    List<Command> commands = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int tag = in.readUnsignedByte();
      commands.add(switch (tag) {
        case INC -> new Command.Inc(in.readInt(), in.readLong());
        case SEND -> new Command.Send(in.readUTF(), read(in));
        case SEND_AFTER -> new Command.SendAfter(in.readInt(), in.readUTF(), read(in));
        case SEND_AFTER_WITH_TOKEN -> new Command.SendAfterWithToken(in.readInt(), in.readUTF(), in.readUTF(), read(in));
        case CANCEL -> new Command.Cancel(in.readUTF());
        case EMIT -> new Command.Emit(in.readUTF());
        case VERIFY -> new Command.Verify(in.readInt());
        case LEAK -> new Command.Leak(in.readUTF());
        default -> throw new IOException("unknown command tag " + tag);
      });
    }
    return List.copyOf(commands);
  }
}
